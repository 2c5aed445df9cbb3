import { Counter } from 'prom-client';

export const jobs = new Counter({ name: 'legacyJobs', help: 'Jobs run by the old scheduler' });
