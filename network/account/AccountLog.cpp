#include "network/account/AccountLog.h"

Q_LOGGING_CATEGORY(lcCredentials, "fal.credentials", QtInfoMsg)
