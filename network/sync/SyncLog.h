#pragma once

#include <QLoggingCategory>

// Sync planning and runs (network/sync). Enable with QT_LOGGING_RULES="fal.sync.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSync)
