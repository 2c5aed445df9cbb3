/** Declared in one file, used as label values in another. */
export type Plan = 'free' | 'pro' | 'enterprise';

export enum Region {
  Eu = 'eu',
  Us = 'us',
}

export interface Account {
  readonly planId: Plan;
  readonly regionId: Region;
  readonly accountId: string;
}
