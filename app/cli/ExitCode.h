#pragma once

#include "network/api/ApiError.h"

// fal-files-cli's exit codes: stable, documented in the README, so scripts can branch on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailed = 1, // something did not complete (details on stderr)
    ExitUsage = 2, // the command line is wrong
    ExitAuth = 3, // no key, or the key was refused
    ExitNotFound = 4, // a remote or local path does not exist
    ExitConflict = 5, // the target exists (and no --on-conflict answer was given)
    ExitNetwork = 6, // the service could not be reached or kept failing
    ExitLocal = 7, // a local file could not be read or written
    ExitIntegrity = 8, // bytes did not match their checksum
    ExitInterrupted = 130,
};

inline int exitCodeFor(const ApiError &error)
{
    switch (error.kind) {
    case ApiError::Kind::None:
        return ExitOk;
    case ApiError::Kind::Unauthorized:
    case ApiError::Kind::Forbidden:
        return ExitAuth;
    case ApiError::Kind::NotFound:
        return ExitNotFound;
    case ApiError::Kind::Conflict:
        return ExitConflict;
    case ApiError::Kind::Network:
    case ApiError::Kind::Timeout:
    case ApiError::Kind::RateLimited:
    case ApiError::Kind::Server:
        return ExitNetwork;
    case ApiError::Kind::Local:
    case ApiError::Kind::Changed:
        return ExitLocal;
    case ApiError::Kind::Integrity:
        return ExitIntegrity;
    case ApiError::Kind::Cancelled:
        return ExitInterrupted;
    default:
        return ExitFailed;
    }
}
