/* sl-workloads.h: the built-in workloads, one extern per line, registered in sl-workload.c. */
#pragma once

#include "sl-workload.h"

G_BEGIN_DECLS

/* sl-workloads-cpu.c */
extern const SlWorkload sl_workload_cpu_sum;
extern const SlWorkload sl_workload_cpu_fib;
extern const SlWorkload sl_workload_cpu_primes;
extern const SlWorkload sl_workload_cpu_hash;
extern const SlWorkload sl_workload_mem_stream;
extern const SlWorkload sl_workload_noop;

/* sl-workloads-http.c, sl-workloads-file.c, sl-workloads-mixed.c */
extern const SlWorkload sl_workload_io_http;
extern const SlWorkload sl_workload_io_sleep;
extern const SlWorkload sl_workload_io_file;
extern const SlWorkload sl_workload_mixed;

/* sl-workloads-test.c */
extern const SlWorkload sl_workload_test_crash;
extern const SlWorkload sl_workload_test_exit;
extern const SlWorkload sl_workload_test_hang;
extern const SlWorkload sl_workload_test_garbage;
extern const SlWorkload sl_workload_test_fail;
extern const SlWorkload sl_workload_test_pid;

/* sl-workloads-python.c */
extern const SlWorkload sl_workload_python_custom;

G_END_DECLS
