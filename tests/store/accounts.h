/* accounts.h: the clinic accounts' part of the store conformance suite (accounts.c,
 * logins.c). */
#ifndef UNHUNCH_TEST_STORE_ACCOUNTS_H
#define UNHUNCH_TEST_STORE_ACCOUNTS_H
/* Run its tests; the number that failed. */
int account_conformance(void);
/* The login sessions' and failed logins' tests (logins.c); the number that failed. */
int login_conformance(void);
/* A client in charge of their data (custody.c); the number that failed. */
int custody_conformance(void);
/* The trainer's dashboard's facts (dash.c); the number that failed. */
int dash_conformance(void);
/* A trainer's read-only view of a client and the audit log (acting.c). */
int acting_conformance(void);
/* Second factors and the login that waits for a code (totp.c). */
int totp_conformance(void);
/* The one list of a person's tables against the schema (tables.c). */
int tables_conformance(void);
#endif
