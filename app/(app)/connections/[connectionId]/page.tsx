import { redirect } from "next/navigation";

export default async function ConnectionSettingsPage({ params }: PageProps<"/connections/[connectionId]">) {
  const { connectionId } = await params;
  redirect(`/connections/${connectionId}/webhooks`);
}
