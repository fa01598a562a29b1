#pragma once

#include <QLoggingCategory>

// The transfer engine, its journal and its tasks. Enable with
// QT_LOGGING_RULES="fal.transfers.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcTransfers)
