#pragma once

#include <QLoggingCategory>

// What the store does on disk (staging, multipart layout, unpacking). Enable everything the
// emulator logs with QT_LOGGING_RULES="fal.emulator*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcStore)
