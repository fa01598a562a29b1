#pragma once

#include <QLoggingCategory>

// Routing, faults and request decisions of the emulator; the store below logs under
// "fal.emulator.store". QT_LOGGING_RULES="fal.emulator*.debug=true" shows both.
Q_DECLARE_LOGGING_CATEGORY(lcEmulator)
