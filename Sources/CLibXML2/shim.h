#ifndef RECSCAN_CLIBXML2_SHIM_H
#define RECSCAN_CLIBXML2_SHIM_H

// Debian's libxml2 is built with ICU; its headers would pull in the system ICU,
// which clashes with the ICU bundled in Foundation. recscan never needs ICU here.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>

// xmlFree is a mutable C global, which Swift 6 strict concurrency rejects.
static inline void recscan_xml_free(void *pointer) { xmlFree(pointer); }

// Copies `length` bytes from `in` at `*inOffset` to `out` at its file position, inside the
// kernel (report.xml takes its host fragments from a scratch file this way). glibc declares
// copy_file_range only under _GNU_SOURCE, which Swift's Glibc module does not set.
#include <sys/syscall.h>
#include <unistd.h>
static inline long recscan_copy_file_range(int in, long long *inOffset, int out, size_t length) {
#ifdef SYS_copy_file_range
    return syscall(SYS_copy_file_range, in, inOffset, out, (void *)0, length, 0u);
#else
    (void)in; (void)inOffset; (void)out; (void)length;
    return -1;
#endif
}

#endif
