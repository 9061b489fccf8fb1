#include "pottery_tls.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Types and constants only: every function is looked up at run time. */
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

struct pottery_tls {
    SSL_CTX *context;
    SSL *ssl;
};

static struct {
    int loaded;
    char failure[256];
    int (*init_ssl)(uint64_t, const void *);
    const SSL_METHOD *(*client_method)(void);
    SSL_CTX *(*ctx_new)(const SSL_METHOD *);
    void (*ctx_free)(SSL_CTX *);
    long (*ctx_ctrl)(SSL_CTX *, int, long, void *);
    void (*ctx_set_verify)(SSL_CTX *, int, void *);
    int (*ctx_default_paths)(SSL_CTX *);
    int (*ctx_load_locations)(SSL_CTX *, const char *, const char *);
    int (*ctx_use_chain)(SSL_CTX *, const char *);
    int (*ctx_use_key)(SSL_CTX *, const char *, int);
    int (*ctx_check_key)(const SSL_CTX *);
    SSL *(*ssl_new)(SSL_CTX *);
    void (*ssl_free)(SSL *);
    int (*set_fd)(SSL *, int);
    long (*ssl_ctrl)(SSL *, int, long, void *);
    int (*set1_host)(SSL *, const char *);
    X509_VERIFY_PARAM *(*get0_param)(SSL *);
    int (*param_set1_ip_asc)(X509_VERIFY_PARAM *, const char *);
    int (*connect)(SSL *);
    int (*read)(SSL *, void *, int);
    int (*write)(SSL *, const void *, int);
    int (*pending)(const SSL *);
    int (*get_error)(const SSL *, int);
    long (*verify_result)(const SSL *);
    const char *(*verify_string)(long);
    unsigned long (*err_get)(void);
    void (*err_string)(unsigned long, char *, size_t);
    void (*err_clear)(void);
    void *handle;
} api;

/* What `pottery doctor` reads of the server's certificate, looked up on first use and optional:
   an OpenSSL without them still speaks TLS. */
static struct {
    int found;
    X509 *(*peer_certificate)(const SSL *);
    const ASN1_TIME *(*not_after)(const X509 *);
    int (*time_to_tm)(const ASN1_TIME *, struct tm *);
    X509_NAME *(*subject)(const X509 *);
    int (*name_text)(const X509_NAME *, int, char *, int);
    void (*x509_free)(X509 *);
} peer;

static pthread_once_t peer_once = PTHREAD_ONCE_INIT;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

#define LOOKUP(field, name)                                                                             \
    do {                                                                                                \
        *(void **)(&api.field) = dlsym(handle, name);                                                   \
        if (!api.field) {                                                                               \
            snprintf(api.failure, sizeof api.failure, "libssl has no %s", name);                        \
            return;                                                                                     \
        }                                                                                               \
    } while (0)

static void load(void) {
    void *handle = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!handle) handle = dlopen("libssl.so", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(api.failure, sizeof api.failure, "cannot load OpenSSL (libssl.so.3): install libssl3");
        return;
    }
    LOOKUP(init_ssl, "OPENSSL_init_ssl");
    LOOKUP(client_method, "TLS_client_method");
    LOOKUP(ctx_new, "SSL_CTX_new");
    LOOKUP(ctx_free, "SSL_CTX_free");
    LOOKUP(ctx_ctrl, "SSL_CTX_ctrl");
    LOOKUP(ctx_set_verify, "SSL_CTX_set_verify");
    LOOKUP(ctx_default_paths, "SSL_CTX_set_default_verify_paths");
    LOOKUP(ctx_load_locations, "SSL_CTX_load_verify_locations");
    LOOKUP(ctx_use_chain, "SSL_CTX_use_certificate_chain_file");
    LOOKUP(ctx_use_key, "SSL_CTX_use_PrivateKey_file");
    LOOKUP(ctx_check_key, "SSL_CTX_check_private_key");
    LOOKUP(ssl_new, "SSL_new");
    LOOKUP(ssl_free, "SSL_free");
    LOOKUP(set_fd, "SSL_set_fd");
    LOOKUP(ssl_ctrl, "SSL_ctrl");
    LOOKUP(set1_host, "SSL_set1_host");
    LOOKUP(get0_param, "SSL_get0_param");
    LOOKUP(param_set1_ip_asc, "X509_VERIFY_PARAM_set1_ip_asc");
    LOOKUP(connect, "SSL_connect");
    LOOKUP(read, "SSL_read");
    LOOKUP(write, "SSL_write");
    LOOKUP(pending, "SSL_pending");
    LOOKUP(get_error, "SSL_get_error");
    LOOKUP(verify_result, "SSL_get_verify_result");
    LOOKUP(verify_string, "X509_verify_cert_error_string");
    LOOKUP(err_get, "ERR_get_error");
    LOOKUP(err_string, "ERR_error_string_n");
    LOOKUP(err_clear, "ERR_clear_error");
    api.init_ssl(0, NULL);
    api.handle = handle;
    api.loaded = 1;
}

static void load_peer(void) {
    if (!api.loaded) return;
    /* SSL_get1_peer_certificate is OpenSSL 3's name; 1.1 calls it SSL_get_peer_certificate. */
    *(void **)(&peer.peer_certificate) = dlsym(api.handle, "SSL_get1_peer_certificate");
    if (!peer.peer_certificate) *(void **)(&peer.peer_certificate) = dlsym(api.handle, "SSL_get_peer_certificate");
    *(void **)(&peer.not_after) = dlsym(api.handle, "X509_get0_notAfter");
    *(void **)(&peer.time_to_tm) = dlsym(api.handle, "ASN1_TIME_to_tm");
    *(void **)(&peer.subject) = dlsym(api.handle, "X509_get_subject_name");
    *(void **)(&peer.name_text) = dlsym(api.handle, "X509_NAME_get_text_by_NID");
    *(void **)(&peer.x509_free) = dlsym(api.handle, "X509_free");
    peer.found = peer.peer_certificate && peer.not_after && peer.time_to_tm && peer.subject && peer.name_text &&
                 peer.x509_free;
}

static void say(char *error, size_t size, const char *what) {
    if (error && size) snprintf(error, size, "%s", what);
}

/* The most specific reason OpenSSL has queued, after `what`. */
static void say_openssl(char *error, size_t size, const char *what) {
    unsigned long code = api.err_get();
    unsigned long next;
    while ((next = api.err_get()) != 0) code = next;
    if (code == 0) {
        say(error, size, what);
        return;
    }
    char reason[200];
    api.err_string(code, reason, sizeof reason);
    if (error && size) snprintf(error, size, "%s: %s", what, reason);
}

static int is_ip_literal(const char *host) {
    unsigned char address[16];
    return inet_pton(AF_INET, host, address) == 1 || inet_pton(AF_INET6, host, address) == 1;
}

const char *pottery_tls_problem(void) {
    pthread_once(&load_once, load);
    return api.loaded ? NULL : api.failure;
}

pottery_tls *pottery_tls_new(int fd, const pottery_tls_config *config, char *error, size_t error_size) {
    pthread_once(&load_once, load);
    if (!api.loaded) {
        say(error, error_size, api.failure);
        return NULL;
    }
    api.err_clear();
    SSL_CTX *context = api.ctx_new(api.client_method());
    if (!context) {
        say_openssl(error, error_size, "cannot create a TLS context");
        return NULL;
    }
    api.ctx_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL);
    /* Our output buffer may move and be resent from another address after a partial write. */
    api.ctx_ctrl(context, SSL_CTRL_MODE, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER,
                 NULL);
    if (config->verify) {
        api.ctx_set_verify(context, SSL_VERIFY_PEER, NULL);
        int loaded = config->ca_file ? api.ctx_load_locations(context, config->ca_file, NULL)
                                     : api.ctx_default_paths(context);
        if (loaded != 1) {
            say_openssl(error, error_size, config->ca_file ? "cannot read the CA file" : "cannot load the system CAs");
            api.ctx_free(context);
            return NULL;
        }
    } else {
        api.ctx_set_verify(context, SSL_VERIFY_NONE, NULL);
    }
    if (config->cert_file) {
        if (api.ctx_use_chain(context, config->cert_file) != 1) {
            say_openssl(error, error_size, "cannot read the client certificate");
            api.ctx_free(context);
            return NULL;
        }
        const char *key = config->key_file ? config->key_file : config->cert_file;
        if (api.ctx_use_key(context, key, SSL_FILETYPE_PEM) != 1 || api.ctx_check_key(context) != 1) {
            say_openssl(error, error_size, "cannot use the client key");
            api.ctx_free(context);
            return NULL;
        }
    }
    SSL *ssl = api.ssl_new(context);
    if (!ssl || api.set_fd(ssl, fd) != 1) {
        say_openssl(error, error_size, "cannot create a TLS session");
        if (ssl) api.ssl_free(ssl);
        api.ctx_free(context);
        return NULL;
    }
    if (config->host && *config->host) {
        if (is_ip_literal(config->host)) {
            if (config->verify) api.param_set1_ip_asc(api.get0_param(ssl), config->host);
        } else {
            api.ssl_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)config->host);
            if (config->verify) api.set1_host(ssl, config->host);
        }
    }
    pottery_tls *tls = calloc(1, sizeof *tls);
    if (!tls) {
        say(error, error_size, "out of memory");
        api.ssl_free(ssl);
        api.ctx_free(context);
        return NULL;
    }
    tls->context = context;
    tls->ssl = ssl;
    return tls;
}

/* Maps the result of an SSL call that did not succeed. */
static long failed(pottery_tls *tls, int result, int *sys_errno, char *error, size_t error_size, const char *what) {
    int saved = errno;
    switch (api.get_error(tls->ssl, result)) {
    case SSL_ERROR_WANT_READ: return POTTERY_TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE: return POTTERY_TLS_WANT_WRITE;
    case SSL_ERROR_ZERO_RETURN: return POTTERY_TLS_CLOSED;
    case SSL_ERROR_SYSCALL:
        if (sys_errno) *sys_errno = saved;
        if (saved == 0) return POTTERY_TLS_CLOSED;
        say(error, error_size, strerror(saved));
        return POTTERY_TLS_ERROR;
    default:
        if (sys_errno) *sys_errno = 0;
        say_openssl(error, error_size, what);
        return POTTERY_TLS_ERROR;
    }
}

int pottery_tls_handshake(pottery_tls *tls, char *error, size_t error_size) {
    api.err_clear();
    errno = 0;
    int result = api.connect(tls->ssl);
    if (result == 1) return POTTERY_TLS_DONE;
    long verify = api.verify_result(tls->ssl);
    int sys_errno = 0;
    long mapped = failed(tls, result, &sys_errno, error, error_size, "TLS handshake failed");
    if (mapped == POTTERY_TLS_WANT_READ || mapped == POTTERY_TLS_WANT_WRITE) return (int)mapped;
    if (verify != X509_V_OK) {
        if (error && error_size)
            snprintf(error, error_size, "certificate verification failed: %s", api.verify_string(verify));
    } else if (mapped == POTTERY_TLS_CLOSED) {
        say(error, error_size, "the server closed the connection during the TLS handshake (is it a TLS port?)");
    }
    return POTTERY_TLS_ERROR;
}

long pottery_tls_read(pottery_tls *tls, void *buffer, size_t size, int *sys_errno, char *error, size_t error_size) {
    api.err_clear();
    errno = 0;
    if (size > 0x40000000) size = 0x40000000;
    int result = api.read(tls->ssl, buffer, (int)size);
    if (result > 0) return result;
    return failed(tls, result, sys_errno, error, error_size, "TLS read failed");
}

long pottery_tls_write(pottery_tls *tls, const void *buffer, size_t size, int *sys_errno, char *error,
                       size_t error_size) {
    api.err_clear();
    errno = 0;
    if (size > 0x40000000) size = 0x40000000;
    int result = api.write(tls->ssl, buffer, (int)size);
    if (result > 0) return result;
    return failed(tls, result, sys_errno, error, error_size, "TLS write failed");
}

int pottery_tls_pending(pottery_tls *tls) { return api.pending(tls->ssl); }

int pottery_tls_peer_certificate(pottery_tls *tls, long long *not_after, char *common_name, size_t name_size) {
    pthread_once(&peer_once, load_peer);
    if (!peer.found) return 0;
    X509 *certificate = peer.peer_certificate(tls->ssl);
    if (!certificate) return 0;
    struct tm end;
    memset(&end, 0, sizeof end);
    int ok = peer.time_to_tm(peer.not_after(certificate), &end) == 1;
    if (ok) *not_after = (long long)timegm(&end);
    if (common_name && name_size) {
        common_name[0] = 0;
        int size = name_size > 0x7fffffff ? 0x7fffffff : (int)name_size;
        if (peer.name_text(peer.subject(certificate), NID_commonName, common_name, size) < 0) common_name[0] = 0;
    }
    peer.x509_free(certificate);
    return ok;
}

void pottery_tls_free(pottery_tls *tls) {
    if (!tls) return;
    api.ssl_free(tls->ssl);
    api.ctx_free(tls->context);
    free(tls);
}
