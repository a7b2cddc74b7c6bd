#pragma once

namespace fatora {

// Keeps the local time zone the C library read at start for the life of the process. With TZ
// unset, glibc checks /etc/localtime again (a stat) on every tzset() and mktime(), which Qt calls
// for each local date and time it converts: six per timestamp read from PostgreSQL (the driver
// hands them over in local time), thousands per list page, 7 % of a search keystroke's work at
// the desk. Setting TZ to the same file drops the checks; a change of the computer's time zone
// is then seen at the next start. Nothing changes where TZ is already set or on other systems.
// Call first in main(), before any thread starts.
void keepLocalTimeZone();

} // namespace fatora
