# rls.sh: row-level security on every table of the PostgreSQL store, the table list
# taken from the catalog, so a new table without its policies (or without rows in
# rls-seed.sql) fails. Sourced by t-postgres.sh (its cluster: $dir, pg_psql, $PGBIN,
# $version, the role unhunch_app, rls_fail). A database "rls" owned by a role that is
# not a superuser (as docs/postgres.md sets one up) gets the schema from the program
# and the seed rows from a superuser; then raw SQL runs as the application's role with
# each person named in turn, and for every table:
#   A (client 9001), T2 (a trainer of others, 9004) and no one (none named, or 0, the
#   server's handle of no one) see none of B's
#   (client 9002's) rows, delete and change none, and are refused writing them;
#   TB (B's trainer, 9003) reads B's records where the clinic's pages need them, and
#   writes none but the appointments TB recorded; person 1 (the terminal's operator)
#   reads the account tables and no one's records; B sees all its own rows. The audit
#   log: B reads the rows about B, TB may add rows in TB's own name about B, and no one
#   (B, TB, the operator) changes or deletes one.

pg_psql -d postgres -v ON_ERROR_STOP=1 >/dev/null -c "CREATE ROLE unhunch_owner LOGIN" \
  -c "CREATE DATABASE rls OWNER unhunch_owner" || rls_fail "making the database"
"$version" "host=$dir dbname=rls user=unhunch_owner" >/dev/null || rls_fail "the schema, made as its owner"
pg_psql -d rls -v ON_ERROR_STOP=1 >/dev/null -f "$here/rls-seed.sql" || rls_fail "seeding"
# the application's rights as docs/postgres.md gives them; copies of the seed rows
# (no policies on them) for the writes that must be refused
pg_psql -d rls -v ON_ERROR_STOP=1 >/dev/null -c "SET ROLE unhunch_owner" \
  -c "GRANT USAGE ON SCHEMA public TO unhunch_app" \
  -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO unhunch_app" \
  -c "REVOKE INSERT, UPDATE, DELETE ON unhunch_schema FROM unhunch_app" || rls_fail "grants"
tables=$(pg_psql -d rls -c "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class
  WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND relname <> 'unhunch_schema'")
[ -n "$tables" ] || rls_fail "no tables in the catalog"
pg_psql -d rls -v ON_ERROR_STOP=1 >/dev/null -c "CREATE SCHEMA seed" -c "GRANT USAGE ON SCHEMA seed TO unhunch_app" ||
  rls_fail "the copies' schema"
for t in $tables; do
  pg_psql -d rls -v ON_ERROR_STOP=1 >/dev/null -c "CREATE TABLE seed.$t AS SELECT * FROM public.$t" \
    -c "GRANT SELECT ON seed.$t TO unhunch_app" || rls_fail "copying $t"
done

# every table under a policy; those of one person's records FORCEd (their owner held too)
out=$(pg_psql -d rls -c "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_class c
  WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace AND c.relname <> 'unhunch_schema'
  AND NOT (c.relrowsecurity AND EXISTS(SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
  AND (c.relforcerowsecurity OR NOT EXISTS(SELECT 1 FROM pg_attribute a
       WHERE a.attrelid = c.oid AND a.attname = 'person_id' AND NOT a.attisdropped)))")
[ -z "$out" ] || rls_fail "tables without row-level security, a policy, or FORCE on person rows: $out"

declare -A all
for t in $tables; do
  all[$t]=$(pg_psql -d rls -c "SELECT count(*) FROM public.$t")
  [ "${all[$t]}" -gt 0 ] 2>/dev/null || rls_fail "table $t has no rows in rls-seed.sql: add some of person 9002"
done

# as_person PERSON: per table, "TABLE seen deleted changed insert" with PERSON named
# ('' for no one): rows seen, rows a DELETE and an UPDATE reach (both undone), and
# whether writing the copies of the seed rows is refused by a policy
as_person() {
  "$PGBIN/psql" -X -q -t -A -F ' ' -h "$dir" -U unhunch_app -d rls -v ON_ERROR_STOP=1 2>&1 <<SQL
BEGIN;
CREATE TEMP TABLE r(t text, seen bigint, deleted bigint, changed bigint, ins text) ON COMMIT DROP;
DO \$\$
DECLARE t text; c text; n bigint; d bigint; u bigint; w text;
BEGIN
  PERFORM set_config('unhunch.person', '$1', true);
  FOREACH t IN ARRAY string_to_array('$tables', ' ') LOOP
    SELECT attname INTO c FROM pg_attribute WHERE attrelid = ('public.' || t)::regclass AND attnum > 0
      AND NOT attisdropped AND attidentity = '' AND attgenerated = '' ORDER BY attnum LIMIT 1;
    EXECUTE format('SELECT count(*) FROM public.%I', t) INTO n;
    BEGIN
      EXECUTE format('WITH x AS (DELETE FROM public.%I RETURNING 1) SELECT count(*) FROM x', t) INTO d;
      RAISE EXCEPTION 'undo';
    EXCEPTION WHEN raise_exception THEN NULL;
    END;
    BEGIN
      EXECUTE format('WITH x AS (UPDATE public.%I SET %I = %I RETURNING 1) SELECT count(*) FROM x', t, c, c) INTO u;
      RAISE EXCEPTION 'undo';
    EXCEPTION WHEN raise_exception THEN NULL;
    END;
    BEGIN
      EXECUTE format('INSERT INTO public.%I OVERRIDING SYSTEM VALUE SELECT * FROM seed.%I', t, t);
      w := 'written';
      RAISE EXCEPTION 'undo';
    EXCEPTION WHEN raise_exception THEN NULL;
      WHEN insufficient_privilege THEN
        w := CASE WHEN SQLERRM LIKE '%row-level security%' THEN 'refused' ELSE 'error:' || replace(SQLERRM, ' ', '_') END;
      WHEN others THEN w := 'error:' || replace(SQLERRM, ' ', '_');
    END;
    INSERT INTO r VALUES (t, n, d, u, w);
  END LOOP;
END
\$\$;
SELECT * FROM r ORDER BY t;
COMMIT;
SQL
}

person_table() { [ -n "$(pg_psql -d rls -c "SELECT 1 FROM pg_attribute WHERE attrelid = 'public.$1'::regclass
  AND attname = 'person_id' AND NOT attisdropped")" ]; }
# the records a trainer reads of their clients (migration 7's trainer_reads)
trainer_reads=" sessions sets exercises pains checkins checkin_regions screenings screening_answers clearances
  psfs_activities psfs_ratings assessments assessment_answers assessment_factors exercise_feedback plan_changes
  prescriptions "
trainer_reads=$(echo $trainer_reads)
checked=0
declare -A kind
for t in $tables; do if person_table "$t"; then kind[$t]=person; else kind[$t]=account; fi; done
for who in "" 0 9001 9004 9003 9002 1; do
  out=$(as_person "$who")
  got=$(printf '%s\n' "$out" | awk 'NF == 5' | wc -l)
  [ "$got" -eq "$(echo $tables | wc -w)" ] || { rls_fail "as person [$who]: [$out]"; continue; }
  while read -r t seen deleted changed ins; do
    checked=$((checked + 1))
    own=0 # rows of the viewer's own: their account row, and (TB) their link and invitation
    case "$who:$t" in
      9001:accounts | 9004:accounts | 9003:accounts) own=1 ;;
      9003:trainer_clients | 9002:trainer_clients) own=1 ;;
      9003:invites) own=2 ;; # the one out and the one B accepted
      9002:accounts | 9002:logins | 9002:account_totp | 9002:recovery_codes) own=1 ;;
      9003:dash_kept) own=1 ;; # TB's line of B on TB's dashboard
    esac
    want_seen=$own want_del=$own want_chg=$own want_ins=refused
    case "$who" in
      9003) [ "${kind[$t]}" = person ] && [[ " $trainer_reads " == *" $t "* ]] && want_seen=${all[$t]}
            # the appointments they recorded: theirs to write while they train the client
            [ "$t" = appointments ] && want_seen=${all[$t]} want_del=${all[$t]} want_chg=${all[$t]} want_ins=any
            [ "$t" = accounts ] && want_seen=2 # themself and their client
            [ "$t" = trainer_clients ] && want_del=0 want_chg=0 # the client ends the link, not the trainer
            [ "$t" = invites ] && want_ins=any ;; # their own
      9002) if [ "${kind[$t]}" = person ]; then want_seen=${all[$t]} want_del=${all[$t]} want_chg=${all[$t]} want_ins=any; fi
            [ "$t" = accounts ] && want_seen=2 # themself and their trainer
            [ "$t" = invites ] && want_seen=1 want_del=1 want_chg=0 # the one that made their account
            [ "$t" = logins ] && want_ins=any # their own
            [ "$t" = account_totp ] && want_ins=any # their own second factor
            [ "$t" = recovery_codes ] && want_ins=any # and its recovery codes
            [ "$t" = trainer_clients ] && want_chg=0 # ended, never changed
            # their trainer's appointments: read, deleted with their data, never changed,
            # and never written in a trainer's name (only a restored one, with no trainer)
            [ "$t" = appointments ] && want_chg=0 want_ins=refused ;;
      1) if [ "${kind[$t]}" = account ]; then want_seen=${all[$t]} want_del=${all[$t]} want_chg=${all[$t]} want_ins=any; fi ;;
    esac
    case "$who:$t" in
      9002:audit) want_seen=${all[$t]} want_del=0 want_chg=0 ;; # who looked at B's: B reads, never changes
      9003:audit) want_seen=0 want_del=0 want_chg=0 want_ins=any ;; # TB writes in TB's name about B, reads none
      1:audit) want_seen=0 want_del=0 want_chg=0 want_ins=refused ;; # not the operator's to read or change
      9003:dash_kept) want_ins=any ;; # their own line again (the same key: refused as a duplicate)
      1:dash_kept) want_seen=0 want_del=0 want_chg=0 want_ins=refused ;; # the trainer's alone
    esac
    [ "$seen" = "$want_seen" ] || rls_fail "person [$who] sees $seen rows of $t, not $want_seen"
    [ "$deleted" = "$want_del" ] || rls_fail "person [$who] deletes $deleted rows of $t, not $want_del"
    [ "$changed" = "$want_chg" ] || rls_fail "person [$who] changes $changed rows of $t, not $want_chg"
    [ "$want_ins" = any ] || [ "$ins" = refused ] || rls_fail "person [$who] writing others' rows into $t: $ins"
  done < <(printf '%s\n' "$out" | awk 'NF == 5')
done
[ "$checked" -ge 6 ] || rls_fail "nothing checked"
# the seed rows are all still there, unchanged
for t in $tables; do
  [ "$(pg_psql -d rls -c "SELECT count(*) FROM (SELECT * FROM public.$t EXCEPT SELECT * FROM seed.$t) x")" = 0 ] &&
    [ "$(pg_psql -d rls -c "SELECT count(*) FROM public.$t")" = "${all[$t]}" ] ||
    rls_fail "the rows of $t changed"
done
# writes that keep to one's own rows yet would take more: an account making itself an
# admin or enabling itself, a trainer handing an invitation to another, a client
# linking itself to a trainer, a trainer writing to the audit log about someone not
# their client or in another's name, a trainer recording an appointment for another's
# client, a client recording one in a trainer's name, a trainer handing one to
# another, a trainer keeping a dashboard line of someone not their client or in
# another's name; and a trainer reading the records (appointments too) of a client they no
# longer train
for step in "9001|UPDATE accounts SET role = 'admin' WHERE id = 9001" \
  "9001|UPDATE accounts SET disabled_ms = 0, role = 'trainer' WHERE id = 9001" \
  "9003|UPDATE invites SET trainer_id = 9004" \
  "9001|INSERT INTO trainer_clients(trainer_id, client_id, since_ms) VALUES (9004, 9001, 1)" \
  "9003|INSERT INTO audit(actor_id, actor_name, subject_id, what, at_ms) VALUES (9003, 'TB', 9001, 'x', 1)" \
  "9003|INSERT INTO audit(actor_id, actor_name, subject_id, what, at_ms) VALUES (9004, 'T2', 9002, 'x', 1)" \
  "9004|INSERT INTO appointments(person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note) VALUES (9002, '2026-01-02', 1, 9004, 't2', 'massage', '', '')" \
  "9002|INSERT INTO appointments(person_id, date, at_ms, trainer_id, trainer_name, kind, areas, note) VALUES (9002, '2026-01-02', 1, 9003, 'tb', 'massage', '', '')" \
  "9003|UPDATE appointments SET trainer_id = 9004" \
  "9003|INSERT INTO dash_kept(trainer_id, client_id, key, version, kept) VALUES (9003, 9001, 'k', 0, 'x')" \
  "9003|INSERT INTO dash_kept(trainer_id, client_id, key, version, kept) VALUES (9004, 9002, 'k', 0, 'x')" \
  "9003|UPDATE dash_kept SET client_id = 9001"; do
  out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
    -c "SELECT set_config('unhunch.person', '${step%%|*}', true) IS NULL" -c "${step#*|}" -c "ROLLBACK" 2>&1)
  case "$out" in *"row-level security"*) ;; *) rls_fail "person ${step%%|*}: ${step#*|}: [$out]" ;; esac
done
out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
  -c "SELECT set_config('unhunch.person', '9002', true) IS NULL" -c "DELETE FROM trainer_clients" \
  -c "SELECT set_config('unhunch.person', '9003', true) IS NULL" -c "SELECT count(*) FROM sessions" \
  -c "SELECT count(*) FROM appointments" -c "ROLLBACK" 2>&1)
[ "$(echo $out)" = "f f 0 0" ] || rls_fail "B ended the link, yet their trainer still reads [$out]"
# before anyone is known: one account by its exact login name, one invitation by its
# token's hash, and accepting it, through the SECURITY DEFINER functions only
out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
  -c "SELECT set_config('unhunch.person', '', true) IS NULL" \
  -c "SELECT count(*) FROM unhunch_account_by_login('rls-b')" -c "SELECT count(*) FROM unhunch_account_by_login('rls-%')" \
  -c "SELECT count(*) FROM unhunch_invite_by_token('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')" \
  -c "SELECT outcome FROM unhunch_invite_accept('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1, 'rls-c', 'C', 'x', 1)" \
  -c "SELECT outcome FROM unhunch_invite_accept('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1, 'rls-d', 'D', 'x', 1)" \
  -c "SELECT count(*) FROM accounts" -c "ROLLBACK" 2>&1)
[ "$(echo $out)" = "f 1 0 1 accepted spent 0" ] || rls_fail "the steps before a person is known: [$(echo $out)]"
# the server's handle of no one (schema 8): a raw read of the account and login
# tables gives nothing; a session by its exact hash, the throttle's count of one key
# (read, one more, forgotten) and the forgetting of sessions past their time go through
# the SECURITY DEFINER functions, and nothing else
out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
  -c "SELECT set_config('unhunch.person', '0', true) IS NULL" \
  -c "SELECT count(*) FROM accounts" -c "SELECT count(*) FROM logins" -c "SELECT count(*) FROM login_failures" \
  -c "SELECT count(*) FROM invites" -c "SELECT count(*) FROM trainer_clients" \
  -c "SELECT account_id FROM unhunch_login_by_hash('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')" \
  -c "SELECT count(*) FROM unhunch_login_by_hash('%')" -c "SELECT count(*) FROM unhunch_login_by_hash('b%')" \
  -c "SELECT failures FROM unhunch_throttle_get('name:rls-b')" -c "SELECT count(*) FROM unhunch_throttle_get('%')" \
  -c "SELECT failures FROM unhunch_throttle_fail('name:rls-b', 5, 0)" \
  -c "SELECT failures FROM unhunch_throttle_fail('name:rls-new', 5, 0)" \
  -c "SELECT unhunch_throttle_clear('name:rls-b') IS NULL" -c "SELECT count(*) FROM unhunch_throttle_get('name:rls-b')" \
  -c "SELECT unhunch_logins_prune(3, 0) IS NULL" -c "SELECT count(*) FROM unhunch_login_by_hash('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')" \
  -c "SELECT count(*) FROM logins" -c "SELECT count(*) FROM login_failures" -c "ROLLBACK" 2>&1)
[ "$(echo $out)" = "f 0 0 0 0 0 9002 0 0 1 0 2 1 t 0 t 0 0 0" ] ||
  rls_fail "the server's handle of no one: [$(echo $out)]"
# and as no one, writing a session or a count directly is refused
for sql in "INSERT INTO logins(id_hash, account_id, created_ms, seen_ms) VALUES ('cccccccccccccccccccccccccccccccc', 9002, 1, 1)" \
  "INSERT INTO login_failures(key, failures, last_ms) VALUES ('name:rls-x', 1, 1)"; do
  out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
    -c "SELECT set_config('unhunch.person', '0', true) IS NULL" -c "$sql" -c "ROLLBACK" 2>&1)
  case "$out" in *"row-level security"*) ;; *) rls_fail "no one: $sql: [$out]" ;; esac
done
# an enabled admin (schema 16; the clinic's page): reads no one's second factor, its
# recovery codes or their sessions, and deletes none of them directly; turns B's factor
# off (its recovery codes go with it) and ends B's sessions only through the two
# functions, which do nothing for a trainer, a client, a disabled admin or anyone's own
admin_try() { # PERSON: B's factor, codes and sessions cleared by PERSON's calls, as the operator sees after
  "$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
    -c "SELECT set_config('unhunch.person', '$1', true) IS NULL" \
    -c "SELECT unhunch_admin_totp_clear(9002)" -c "SELECT unhunch_admin_logins_end(9002)" \
    -c "SELECT set_config('unhunch.person', '1', true) IS NULL" \
    -c "SELECT count(*) FROM account_totp" -c "SELECT count(*) FROM recovery_codes" \
    -c "SELECT count(*) FROM logins" -c "ROLLBACK" 2>&1
}
out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
  -c "SELECT set_config('unhunch.person', '9005', true) IS NULL" \
  -c "SELECT count(*) FROM account_totp" -c "SELECT count(*) FROM recovery_codes" -c "SELECT count(*) FROM logins" \
  -c "WITH x AS (DELETE FROM account_totp RETURNING 1) SELECT count(*) FROM x" \
  -c "WITH x AS (DELETE FROM logins RETURNING 1) SELECT count(*) FROM x" -c "ROLLBACK" 2>&1)
[ "$(echo $out)" = "f 0 0 0 0 0" ] || rls_fail "an admin reads or deletes another's second factor or sessions: [$(echo $out)]"
[ "$(echo $(admin_try 9005))" = "f 1 1 f 0 0 0" ] || rls_fail "an admin's reset of B's second factor: [$(echo $(admin_try 9005))]"
for who in 9003 9001 9002 0 ""; do
  [ "$(echo $(admin_try "$who"))" = "f 0 0 f 1 1 1" ] || rls_fail "person [$who] cleared B's second factor: [$(echo $(admin_try "$who"))]"
done
out=$("$PGBIN/psql" -X -q -t -A -h "$dir" -U unhunch_app -d rls -c "BEGIN" \
  -c "SELECT set_config('unhunch.person', '1', true) IS NULL" -c "UPDATE accounts SET disabled_ms = 5 WHERE id = 9005" \
  -c "SELECT set_config('unhunch.person', '9005', true) IS NULL" \
  -c "SELECT unhunch_admin_totp_clear(9002)" -c "SELECT unhunch_admin_logins_end(9002)" -c "ROLLBACK" 2>&1)
[ "$(echo $out)" = "f f 0 0" ] || rls_fail "a disabled admin cleared B's second factor: [$(echo $out)]"
