export interface CommandInfo {
  name: string;
  summary: string;
  example: string;
}
export const commandList: ReadonlyArray<CommandInfo>;
export function usage(list?: ReadonlyArray<CommandInfo>): string;
