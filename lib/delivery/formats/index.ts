import "server-only";
import type { WebhookType } from "@/lib/domain/webhook-types";
import { judge, type Verdict } from "../judge";
import { dingtalk } from "./dingtalk";
import { discord } from "./discord";
import { lark } from "./lark";
import type { RobotAnswer, RobotFormat, RobotType } from "./robot";
import { slack } from "./slack";
import { teams } from "./teams";
import { wecom } from "./wecom";

export { buildMessage, type Message, ROBOT_KEYWORDS } from "./message";
export type { RobotFormat, RobotType } from "./robot";

/** The chat-robot formats by webhook type (docs/robots.md). */
export const ROBOT_FORMATS: Record<RobotType, RobotFormat> = { wecom, dingtalk, lark, slack, discord, teams };

/** The robot format of a webhook type; null for "Other (JSON)". */
export function robotFormat(type: WebhookType): RobotFormat | null {
  return type === "json" ? null : ROBOT_FORMATS[type];
}

/**
 * What an attempt's answer means for a webhook of this type: robots are judged on their own answer
 * (errcode / code / StatusCode, not only the HTTP status); "Other (JSON)" on the HTTP status.
 */
export function judgeAnswer(type: WebhookType, answer: RobotAnswer, now: number): Verdict {
  const format = robotFormat(type);
  return format ? format.judge(answer, now) : judge(answer.outcome, now);
}
