#include <stdio.h>
#include "parallax.h"
int main(void) { puts(PLX_VERSION); return 0; }
