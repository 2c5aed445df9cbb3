import { Counter } from 'prom-client';
import type { Account } from './plans';

const signups = new Counter({ name: 'signups_total', help: 'Sign-ups', labelNames: ['plan', 'region', 'account'] });

export function signedUp(account: Account): void {
  // plan and region are fixed sets by their types (declared in plans.ts); the account id is not.
  signups.labels({ plan: account.planId, region: String(account.regionId), account: account.accountId }).inc();
}
