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
#include <libxml/uri.h>

// xmlFree is a mutable C global, which Swift 6 strict concurrency rejects.
static inline void recscan_xml_free(void *pointer) { xmlFree(pointer); }

#endif
