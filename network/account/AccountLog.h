#pragma once

#include <QLoggingCategory>

// Keys, key stores and configuration files. Enable with
// QT_LOGGING_RULES="fal.credentials.debug=true". Nothing logged here ever contains the API key.
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)
