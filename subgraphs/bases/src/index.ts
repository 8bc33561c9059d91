import 'reflect-metadata';
import { runSubgraph } from '../../kit/src';
import { bases } from './schema';

void runSubgraph(bases);
