// Background jobs: queues declared beside their work, created once at start-up, enqueued inside transactions.
export { enqueue, enqueueMany, type QueueDefinition } from "./queue";
export { installJobQueues, jobQueue, startJobs, startWorkers, stopJobs } from "./workers";
