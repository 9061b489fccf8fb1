/* GNU readline's headers (Debian's libreadline-dev): the types CPotteryReadline builds on. The
   library itself is not linked: CPotteryReadline loads it with dlopen when a REPL starts. */
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
