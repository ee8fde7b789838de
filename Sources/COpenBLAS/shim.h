#ifndef MLIB_COPENBLAS_SHIM_H
#define MLIB_COPENBLAS_SHIM_H

#include <cblas.h>

#endif
