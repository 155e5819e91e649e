"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = { name: string; action: () => Promise<ActionResult> };

/** "Delete" asks for confirmation first; the webhook stops receiving events as soon as it is deleted. */
export function DeleteWebhookButton({ name, action }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, run, failure } = useAction(action);

  function confirm() {
    run(undefined, () => {
      setOpen(false);
      toast({ title: `Webhook “${name}” deleted`, tone: "success" });
      router.refresh();
    });
  }

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => setOpen(true)}
        className="text-red-700 hover:text-red-800"
      >
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete webhook “${name}”?`}
        description={
          <>
            It stops receiving events at once. This cannot be undone.
            {failure ? <span className="mt-2 block font-medium text-red-700">{failure.error}</span> : null}
          </>
        }
        confirmLabel="Delete webhook"
        onConfirm={confirm}
        pending={pending}
      />
    </>
  );
}
