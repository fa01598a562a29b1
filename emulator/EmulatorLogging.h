#pragma once

#include <QLoggingCategory>

// One category for the whole emulator, so QT_LOGGING_RULES="fal.emulator.debug=true" shows
// every decision the server makes (routing, faults, multipart layout) without touching code.
Q_DECLARE_LOGGING_CATEGORY(lcEmulator)
