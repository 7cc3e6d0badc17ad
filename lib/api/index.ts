// The partner API's framework (/api/v1): operations declared with zod schemas (operation.ts), problem details
// (problem.ts), Idempotency-Key (idempotency.ts) and the OpenAPI document generated from the same schemas (document.ts).
export { apiHandler, defineOperation, type CallInfo, type HttpMethod, type Operation, type OperationInput, type Upload } from "./operation";
export { ApiProblem, PROBLEMS, problemSchema, problemType, type Problem, type ProblemKind } from "./problem";
export { IDEMPOTENCY_HEADER, pruneIdempotencyKeys } from "./idempotency";
export { openApiDocument } from "./document";
