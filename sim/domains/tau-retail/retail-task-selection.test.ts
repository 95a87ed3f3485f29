import { describe, expect, it } from 'vitest';
import { loadRetailDatabase } from './retail-data.js';
import { footprint, selectTasks } from './retail-task-selection.js';

const database = loadRetailDatabase();

describe('selectTasks', () => {
  it('hands out tasks so that no two requests of a run write the same order or user, or read what another writes', () => {
    const selection = selectTasks(database.tasks, 7);
    expect(selection.distinct.length).toBe(287);
    const written = new Map<string, string>();
    const touched = new Map<string, string>();
    for (const { task } of selection.distinct) {
      const { reads, writes } = footprint(task);
      for (const key of writes) {
        expect(touched.has(key), `${task.id} writes ${key} touched by ${touched.get(key)}`).toBe(false);
      }
      for (const key of reads) expect(written.has(key), `${task.id} reads ${key} written by ${written.get(key)}`).toBe(false);
      for (const key of writes) written.set(key, task.id);
      for (const key of [...reads, ...writes]) touched.set(key, task.id);
    }
  });

  it('gives the same order for the same seed, repeats only read-only tasks after the distinct ones', () => {
    const first = selectTasks(database.tasks, 7);
    const second = selectTasks(database.tasks, 7);
    expect(second.distinct.map((selected) => selected.task.id)).toEqual(first.distinct.map((selected) => selected.task.id));
    expect(selectTasks(database.tasks, 8).distinct.map((selected) => selected.task.id)).not.toEqual(first.distinct.map((selected) => selected.task.id));
    expect(first.taskAt(3).task.id).toBe(first.distinct[3]!.task.id);
    for (let index = first.distinct.length; index < first.distinct.length + 20; index++) expect(first.taskAt(index).writes).toBe(false);
    expect(first.taskAt(0, 'simple').complexity).toBe('simple');
    expect(first.taskAt(0, 'complex').complexity).toBe('complex');
  });
});
