#pragma once

#include <QString>
#include <functional>

// Where the app keeps the fal key the person signed in with, behind one interface: the system
// keychain when a Secret Service answers (KeychainKeyStore), else a file only the owner can read
// (FileKeyStore), in tests memory (MemoryKeyStore). FallbackKeyStore chains the first two.
// Callbacks may run before the call returns (memory, file) or later (keychain).
class KeyStore
{
public:
    struct Result
    {
        bool ok = true;
        QString key; // read(): empty when nothing is stored
        QString error; // for people, when !ok (FallbackKeyStore::read: also why the keychain
                       // could not be asked, when nothing was found)
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~KeyStore() = default;

    // Where the key is (or would be) kept, for the sign-in dialog: "the system keychain", ...
    virtual QString description() const = 0;
    virtual void read(Callback done) = 0;
    virtual void write(const QString &key, Callback done) = 0;
    virtual void remove(Callback done) = 0;
};
