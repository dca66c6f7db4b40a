// libcurl, loaded on the first URL rather than when a program starts: linked, its dependency
// tree (TLS, Kerberos, LDAP, ssh: ~30 shared libraries on Debian) cost every program using
// libvrsx several ms of dynamic loading before main, URL or not. libcurl's ABI has been
// libcurl.so.4 since 2006.
#pragma once

#include <curl/curl.h>

#include <string>

namespace vrsx::io {

// The libcurl functions the HTTP client calls. Named without their curl_ prefix: curl.h makes
// curl_easy_setopt and curl_easy_getinfo type-checking macros under GCC.
struct CurlLibrary {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// libcurl, loaded and globally initialized once (thread-safe), or nullptr with `error` saying
// what is missing.
const CurlLibrary* Curl(std::string* error = nullptr);

}  // namespace vrsx::io
