#pragma once

#include <QLoggingCategory>

// Logging categories of the widget-free core. Enable with e.g.
// QT_LOGGING_RULES="fal.network.debug=true". Nothing logged under these categories ever contains
// the API key.
Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)
Q_DECLARE_LOGGING_CATEGORY(lcTransfers)
