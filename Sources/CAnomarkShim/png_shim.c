#include "anomark_shim.h"
