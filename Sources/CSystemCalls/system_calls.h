#ifndef RECSCAN_CSYSTEMCALLS_H
#define RECSCAN_CSYSTEMCALLS_H

// System calls that Swift's Glibc module does not declare. Nothing of libxml2 here: that is
// CLibXML2's room. Header-only, like CLibXML2: a compiled C file would carry clang's DWARF 5
// debug information, which valgrind 3.19 (callgrind, for the benchmarks) cannot read.

#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

// Copies `length` bytes from `in` at `*inOffset` to `out` at its file position, inside the
// kernel (report.xml takes its host fragments from a scratch file this way), and moves
// `*inOffset` past them. Returns the bytes copied, 0 at the end of `in`, or -1 with errno set;
// -1 also where the system has no copy_file_range, so the caller copies by hand. glibc declares
// copy_file_range only under _GNU_SOURCE, which Swift's Glibc module does not set.
static inline long recscan_copy_file_range(int in, long long *inOffset, int out, size_t length) {
#ifdef SYS_copy_file_range
    return syscall(SYS_copy_file_range, in, inOffset, out, (void *)0, length, 0u);
#else
    (void)in; (void)inOffset; (void)out; (void)length;
    return -1;
#endif
}

#endif
