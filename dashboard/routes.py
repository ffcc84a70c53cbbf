"""Where the screens live, relative to `dashboard/app.py` (for `st.switch_page`)."""

from typing import Final

TRIAGE_SCREEN: Final = "screens/triage.py"
DETAINEE_SCREEN: Final = "screens/detainee.py"
FORM_SCREEN: Final = "screens/form_print.py"
