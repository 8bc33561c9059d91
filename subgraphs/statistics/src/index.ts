import 'reflect-metadata';
import { runSubgraph } from '../../kit/src';
import { statistics } from './schema';

void runSubgraph(statistics);
