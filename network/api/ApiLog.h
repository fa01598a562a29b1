#pragma once

#include <QLoggingCategory>

// Requests and answers of the files API. Enable with QT_LOGGING_RULES="fal.network.debug=true".
// Nothing logged here ever contains the API key.
Q_DECLARE_LOGGING_CATEGORY(lcNetwork)
