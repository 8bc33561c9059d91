import 'reflect-metadata';
import { runSubgraph } from '@zjjt/kit';
import { bases } from './schema';

void runSubgraph(bases);
