// Users, their clients (channel links) and devices.
import { iteratePages } from "../pagination";
import type { OperationBody } from "../schemas/operations";
import type { CallOptions } from "../transport";
import { pageOf, pageQuery, type Invoke, type IterateOptions, type PageRequest } from "./invoke";

/** Brand-separated users are addressed with their brand. */
export interface BrandScope {
  brandId?: string;
}

export function usersApi(invoke: Invoke) {
  const forUser = (userIdOrExternalId: string, { brandId }: BrandScope = {}) => ({
    params: { userIdOrExternalId },
    query: { brandId },
  });

  return {
    async create(body: OperationBody<"CreateUser">, options?: CallOptions) {
      const { user } = await invoke("CreateUser", { body, options });
      return user;
    },

    /** Users whose identities include this email (not profile.email); SunCo has no general user listing. */
    async findByEmail(email: string, { brandId }: BrandScope = {}, options?: CallOptions) {
      const { users } = await invoke("ListUsers", { query: { "filter[identities.email]": email, brandId }, options });
      return users;
    },

    async get(userIdOrExternalId: string, scope?: BrandScope, options?: CallOptions) {
      const { user } = await invoke("GetUser", { ...forUser(userIdOrExternalId, scope), options });
      return user;
    },

    async update(
      userIdOrExternalId: string,
      body: OperationBody<"UpdateUser">,
      scope?: BrandScope,
      options?: CallOptions,
    ) {
      const { user } = await invoke("UpdateUser", { ...forUser(userIdOrExternalId, scope), body, options });
      return user;
    },

    /** Deletes the user, its clients and its conversation history. */
    async delete(userIdOrExternalId: string, scope?: BrandScope, options?: CallOptions) {
      await invoke("DeleteUser", { ...forUser(userIdOrExternalId, scope), options });
    },

    /** Clears the user's profile and custom properties and its clients' personal details; the user stays. */
    async deletePersonalInformation(userIdOrExternalId: string, scope?: BrandScope, options?: CallOptions) {
      const { user } = await invoke("DeleteUserPersonalInformation", {
        ...forUser(userIdOrExternalId, scope),
        options,
      });
      return user;
    },

    /** Re-reads the user from Zendesk Support (after Support users were merged). */
    async sync(zendeskId: string, body: OperationBody<"SyncUser"> = {}, options?: CallOptions) {
      const { user } = await invoke("SyncUser", { params: { zendeskId }, body, idempotent: true, options });
      return user;
    },
  };
}

export function clientsApi(invoke: Invoke) {
  const list = async (userIdOrExternalId: string, page?: PageRequest, options?: CallOptions) => {
    const { clients, meta } = await invoke("ListClients", {
      params: { userIdOrExternalId },
      query: pageQuery(page),
      options,
    });
    return pageOf(clients, meta);
  };

  return {
    /** Links a channel (e.g. a phone number) to the user; the client starts `pending`. */
    async create(userIdOrExternalId: string, body: OperationBody<"CreateClient">, options?: CallOptions) {
      const { client } = await invoke("CreateClient", { params: { userIdOrExternalId }, body, options });
      return client;
    },

    list,

    iterate(userIdOrExternalId: string, { pageSize = 100, ...options }: IterateOptions = {}) {
      return iteratePages("ListClients", "forward", (after) => list(userIdOrExternalId, { after, size: pageSize }, options));
    },

    async remove(userIdOrExternalId: string, clientId: string, options?: CallOptions) {
      await invoke("RemoveClient", { params: { userIdOrExternalId, clientId }, options });
    },
  };
}

export function devicesApi(invoke: Invoke) {
  return {
    /** Most recently seen first; not paginated. */
    async list(userIdOrExternalId: string, options?: CallOptions) {
      const { devices } = await invoke("ListDevices", { params: { userIdOrExternalId }, options });
      return devices;
    },

    async get(userIdOrExternalId: string, deviceId: string, options?: CallOptions) {
      const { device } = await invoke("GetDevice", { params: { userIdOrExternalId, deviceId }, options });
      return device;
    },
  };
}
