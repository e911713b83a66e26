import type { Rule } from '../engine/types';
import { rule as C01 } from './CPX-C01';
import { rule as C02 } from './CPX-C02';
import { rule as C03 } from './CPX-C03';
import { rule as C04 } from './CPX-C04';
import { rule as C05 } from './CPX-C05';
import { rule as C06 } from './CPX-C06';
import { rule as C07 } from './CPX-C07';
import { rule as C08 } from './CPX-C08';
import { rule as C09 } from './CPX-C09';
import { rule as C10 } from './CPX-C10';
import { rule as C11 } from './CPX-C11';
import { rule as C12 } from './CPX-C12';
import { rule as C13 } from './CPX-C13';
import { rule as C14 } from './CPX-C14';
import { rule as F01 } from './CPX-F01';
import { rule as F02 } from './CPX-F02';
import { rule as R01 } from './CPX-R01';
import { rule as R02 } from './CPX-R02';
import { rule as R03 } from './CPX-R03';
import { rule as R04 } from './CPX-R04';
import { rule as R09 } from './CPX-R09';
import { rule as R10 } from './CPX-R10';
import { rule as R11 } from './CPX-R11';
import { rule as R12 } from './CPX-R12';
import { rule as R13 } from './CPX-R13';
import { rule as U01 } from './CPX-U01';

/** The catalogue, sorted by id. Ids are public: add new ones, never rename. */
export const RULES: readonly Rule[] = [C01, C02, C03, C04, C05, C06, C07, C08, C09, C10, C11, C12, C13, C14, F01, F02, R01, R02, R03, R04, R09, R10, R11, R12, R13, U01];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
