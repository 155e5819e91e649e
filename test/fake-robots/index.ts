export { FakeDingTalk } from "./dingtalk";
export { FakeDiscord } from "./discord";
export { FakeLark } from "./lark";
export {
  type Clock,
  type Exchange,
  FakeRobot,
  type FakeRobots,
  fakeRobots,
  fastClock,
  steppedClock,
} from "./server";
export { FakeSlack } from "./slack";
export { FakeTeams } from "./teams";
export { FakeWeCom } from "./wecom";
