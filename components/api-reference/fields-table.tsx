import { useTranslations } from "next-intl";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { ReferenceField } from "@/lib/api/reference";
import { RichText } from "./rich-text";

/** Fields of a request (parameters, body) or of a response schema: name, type, required, what it means. */
export function FieldsTable({
  caption,
  fields,
  showIn = false,
}: {
  caption: string;
  fields: ReferenceField[];
  showIn?: boolean;
}) {
  const t = useTranslations("apiReference.fields");
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <THead>
        <TR>
          <TH>{t("name")}</TH>
          {showIn ? <TH>{t("in")}</TH> : null}
          <TH>{t("type")}</TH>
          <TH>{t("required")}</TH>
          <TH>{t("description")}</TH>
        </TR>
      </THead>
      <TBody>
        {fields.map((field) => (
          <TR key={`${field.in}-${field.name}`}>
            <TD className="align-top">
              <code className="font-mono text-xs font-semibold break-all text-zinc-900">{field.name}</code>
            </TD>
            {showIn ? (
              <TD label={t("in")} className="align-top text-xs">
                {field.in}
              </TD>
            ) : null}
            <TD label={t("type")} className="max-w-72 align-top">
              <code className="font-mono text-xs break-words">{field.type}</code>
            </TD>
            <TD label={t("required")} className="align-top text-xs">
              {field.required ? t("yes") : t("no")}
            </TD>
            <TD label={t("description")} className="align-top text-xs">
              {field.description ? (
                <p>
                  <RichText text={field.description} />
                </p>
              ) : null}
              {field.notes.length > 0 ? <p className="text-zinc-500">{field.notes.join(" · ")}</p> : null}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
