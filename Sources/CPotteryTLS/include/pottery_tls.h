#ifndef POTTERY_TLS_H
#define POTTERY_TLS_H

#include <stddef.h>

/* TLS for pottery's Redis client, over OpenSSL loaded with dlopen on first use, so that a process
   that never speaks TLS never pays for loading libssl (about 0.6 ms of every start otherwise). */

typedef struct pottery_tls pottery_tls;

typedef struct {
    const char *ca_file;   /* NULL: the system's default CA store */
    const char *cert_file; /* client certificate chain (PEM), or NULL */
    const char *key_file;  /* its private key (PEM), or NULL */
    int verify;            /* 0: no verification at all (--insecure) */
    const char *host;      /* the name or IP literal to verify and to send as SNI */
} pottery_tls_config;

enum {
    POTTERY_TLS_DONE = 0,
    POTTERY_TLS_WANT_READ = -1,
    POTTERY_TLS_WANT_WRITE = -2,
    POTTERY_TLS_ERROR = -3,
    POTTERY_TLS_CLOSED = -4
};

/* NULL when OpenSSL loads (it is loaded now, if it was not), else why not. */
const char *pottery_tls_problem(void);

/* A session on the connected, non-blocking socket `fd`; NULL with a reason in `error`. */
pottery_tls *pottery_tls_new(int fd, const pottery_tls_config *config, char *error, size_t error_size);

/* One step of the handshake: DONE, WANT_READ, WANT_WRITE, or ERROR with a reason (a failed
   certificate verification names what failed: expired, unknown issuer, host name mismatch). */
int pottery_tls_handshake(pottery_tls *tls, char *error, size_t error_size);

/* Bytes read or written (> 0), or WANT_READ, WANT_WRITE, CLOSED, ERROR (errno in *sys_errno when
   the socket failed, else 0, with a reason in `error`). */
long pottery_tls_read(pottery_tls *tls, void *buffer, size_t size, int *sys_errno, char *error, size_t error_size);
long pottery_tls_write(pottery_tls *tls, const void *buffer, size_t size, int *sys_errno, char *error,
                       size_t error_size);

/* Decrypted bytes waiting inside the session: read them before waiting on the socket. */
int pottery_tls_pending(pottery_tls *tls);

/* The server's certificate, after the handshake: when it expires (notAfter, seconds since the epoch)
   and its subject's common name (empty when it has none). 1, or 0 when there is no certificate or
   this OpenSSL cannot say. */
int pottery_tls_peer_certificate(pottery_tls *tls, long long *not_after, char *common_name, size_t name_size);

void pottery_tls_free(pottery_tls *tls);

#endif
