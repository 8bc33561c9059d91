import 'reflect-metadata';
import { runSubgraph } from '../../kit/src';
import { members } from './schema';

void runSubgraph(members);
