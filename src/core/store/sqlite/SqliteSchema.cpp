#include "store/sqlite/SqliteSchema.h"

using namespace Qt::StringLiterals;

namespace fatora::sqlite {

const QList<QStringList> &migrations()
{
    static const QList<QStringList> list = {
        {
            u"CREATE TABLE customers ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  email TEXT NOT NULL DEFAULT '',"
            "  phone TEXT NOT NULL DEFAULT '',"
            "  reference TEXT NOT NULL DEFAULT '',"
            "  notes TEXT NOT NULL DEFAULT '',"
            "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
            "  created_at TEXT NOT NULL)"_s,
            // NOCASE indexes serve both the case-insensitive prefix search and the list's sort.
            u"CREATE INDEX customers_name ON customers (name COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_email ON customers (email COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_phone ON customers (phone COLLATE NOCASE)"_s,
            u"CREATE INDEX customers_reference ON customers (reference COLLATE NOCASE)"_s,

            u"CREATE TABLE card_tokens ("
            "  id INTEGER PRIMARY KEY,"
            "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
            "  token TEXT NOT NULL UNIQUE CHECK (token <> ''),"
            "  label TEXT NOT NULL DEFAULT '',"
            "  issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
            "  expires_on TEXT NOT NULL CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
            "  first_amount_minor INTEGER CHECK (first_amount_minor IS NULL OR first_amount_minor > 0),"
            "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
            "  status TEXT NOT NULL CHECK (status IN ('active', 'revoke-pending', 'deactivated', 'expired', "
            "'invalid')),"
            "  status_changed_at TEXT,"
            "  last_used_at TEXT,"
            "  created_at TEXT NOT NULL)"_s,
            u"CREATE INDEX card_tokens_customer ON card_tokens (customer_id, status)"_s,

            u"CREATE TABLE payments ("
            "  id INTEGER PRIMARY KEY,"
            "  order_id TEXT NOT NULL UNIQUE CHECK (order_id <> ''),"
            "  token_id INTEGER NOT NULL REFERENCES card_tokens (id),"
            "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
            "  amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),"
            "  currency TEXT NOT NULL CHECK (length(currency) = 3),"
            "  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'rejected', "
            "'not-sent', "
            "'unknown')),"
            "  gateway_status TEXT NOT NULL DEFAULT '',"
            "  status_code TEXT NOT NULL DEFAULT '',"
            "  transaction_id TEXT NOT NULL DEFAULT '',"
            "  auth_code TEXT NOT NULL DEFAULT '',"
            "  mode TEXT NOT NULL DEFAULT '',"
            "  description TEXT NOT NULL DEFAULT '',"
            "  http_status INTEGER NOT NULL DEFAULT 0,"
            "  error_text TEXT NOT NULL DEFAULT '',"
            "  request_body TEXT NOT NULL DEFAULT '',"
            "  response_body TEXT NOT NULL DEFAULT '',"
            "  operator TEXT NOT NULL DEFAULT '',"
            "  note TEXT NOT NULL DEFAULT '',"
            "  created_at TEXT NOT NULL,"
            "  updated_at TEXT NOT NULL,"
            "  last_checked_at TEXT,"
            "  refund_state TEXT NOT NULL DEFAULT 'none' CHECK (refund_state IN ('none', 'pending', "
            "'refunded', 'rejected', 'unknown')),"
            "  refund_status TEXT NOT NULL DEFAULT '',"
            "  refunded_at TEXT)"_s,
            u"CREATE INDEX payments_created ON payments (created_at)"_s,
            u"CREATE INDEX payments_state_created ON payments (state, created_at)"_s,
            u"CREATE INDEX payments_customer_created ON payments (customer_id, created_at)"_s,
            u"CREATE INDEX payments_token_state ON payments (token_id, state)"_s,
            u"CREATE INDEX payments_transaction ON payments (transaction_id)"_s,
            // A payment charged to one customer's token but filed under another would send the
            // history (and any refund) to the wrong person.
            u"CREATE TRIGGER payments_token_owner BEFORE INSERT ON payments"
            " WHEN EXISTS (SELECT 1 FROM card_tokens WHERE id = NEW.token_id AND customer_id IS NOT "
            "NEW.customer_id)"
            " BEGIN SELECT RAISE(ABORT, 'the payment''s customer does not own its card token'); END"_s,
            // A charge attempt is a financial record: it may change state, it never disappears.
            u"CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments"
            " BEGIN SELECT RAISE(ABORT, 'payments are never deleted'); END"_s,

            u"CREATE TABLE audit_log ("
            "  id INTEGER PRIMARY KEY,"
            "  at TEXT NOT NULL,"
            "  operator TEXT NOT NULL,"
            "  action TEXT NOT NULL CHECK (action <> ''),"
            "  object_type TEXT NOT NULL,"
            "  object_id INTEGER NOT NULL,"
            "  detail TEXT NOT NULL DEFAULT '')"_s,
            u"CREATE INDEX audit_log_object ON audit_log (object_type, object_id)"_s,
            u"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed'); END"_s,
            u"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
            " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted'); END"_s,
        },
        {
            // Schema 2: the figures the customers list sorts on live on the customer row, kept by
            // triggers, so sorting a million customers by them walks an index instead of computing
            // both figures for everyone first.
            u"ALTER TABLE customers ADD COLUMN last_charge_at TEXT"_s,
            u"ALTER TABLE customers ADD COLUMN active_tokens INTEGER NOT NULL DEFAULT 0"_s,
            // "Active" depends on the day (tokens expire by date without any write), so the count is
            // kept as of one day, recorded here; SqliteStore moves it to the day asked for before
            // sorting on it, recounting only the customers whose tokens expired in between.
            u"CREATE TABLE customer_figures ("
            "  id INTEGER PRIMARY KEY CHECK (id = 1),"
            "  active_on TEXT NOT NULL CHECK (active_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'))"_s,
            u"INSERT INTO customer_figures (id, active_on) VALUES (1, date('now', 'localtime'))"_s,
            u"UPDATE customers SET last_charge_at ="
            " (SELECT max(p.created_at) FROM payments p WHERE p.customer_id = customers.id)"_s,
            u"UPDATE customers SET active_tokens = (SELECT count(*) FROM card_tokens t"
            " WHERE t.customer_id = customers.id AND t.status = 'active'"
            " AND t.expires_on > (SELECT active_on FROM customer_figures))"_s,
            u"CREATE INDEX customers_last_charge ON customers (last_charge_at)"_s,
            u"CREATE INDEX customers_active_tokens ON customers (active_tokens)"_s,
            u"CREATE INDEX card_tokens_active_expiry ON card_tokens (expires_on, customer_id)"
            " WHERE status = 'active'"_s,
            u"CREATE TRIGGER customer_figures_token_insert AFTER INSERT ON card_tokens"
            " WHEN NEW.status = 'active' AND NEW.expires_on > (SELECT active_on FROM customer_figures)"
            " BEGIN UPDATE customers SET active_tokens = active_tokens + 1 WHERE id = NEW.customer_id; END"_s,
            u"CREATE TRIGGER customer_figures_token_update AFTER UPDATE OF customer_id, status, expires_on"
            " ON card_tokens WHEN OLD.customer_id IS NOT NEW.customer_id OR OLD.status IS NOT NEW.status"
            " OR OLD.expires_on IS NOT NEW.expires_on"
            " BEGIN UPDATE customers SET active_tokens = (SELECT count(*) FROM card_tokens t"
            " WHERE t.customer_id = customers.id AND t.status = 'active'"
            " AND t.expires_on > (SELECT active_on FROM customer_figures))"
            " WHERE id IN (OLD.customer_id, NEW.customer_id); END"_s,
            u"CREATE TRIGGER customer_figures_token_delete AFTER DELETE ON card_tokens"
            " WHEN OLD.status = 'active' AND OLD.expires_on > (SELECT active_on FROM customer_figures)"
            " BEGIN UPDATE customers SET active_tokens = active_tokens - 1 WHERE id = OLD.customer_id; END"_s,
            u"CREATE TRIGGER customer_figures_payment_insert AFTER INSERT ON payments"
            " BEGIN UPDATE customers SET last_charge_at = NEW.created_at WHERE id = NEW.customer_id"
            " AND (last_charge_at IS NULL OR last_charge_at < NEW.created_at); END"_s,
            // Search as you type at a million customers (SqliteQueries: buildFindCustomers). The
            // column indexes now carry the name, so a column's matches can be put in name order
            // without reading the rows; and per column two "bucket" indexes hold the customers by
            // the first one or two characters of that column, in name order, so a short prefix
            // that matches half the customers still yields its first page at once.
            u"DROP INDEX customers_email"_s,
            u"DROP INDEX customers_phone"_s,
            u"DROP INDEX customers_reference"_s,
            u"CREATE INDEX customers_email ON customers (email COLLATE NOCASE, id, name COLLATE NOCASE, archived)"_s,
            u"CREATE INDEX customers_phone ON customers (phone COLLATE NOCASE, id, name COLLATE NOCASE, archived)"_s,
            u"CREATE INDEX customers_reference ON customers"
            " (reference COLLATE NOCASE, id, name COLLATE NOCASE, archived)"_s,
            u"CREATE INDEX customers_email_b1 ON customers"
            " (substr(email, 1, 1) COLLATE NOCASE, name COLLATE NOCASE, id, archived)"_s,
            u"CREATE INDEX customers_email_b2 ON customers"
            " (substr(email, 1, 2) COLLATE NOCASE, name COLLATE NOCASE, id, email COLLATE NOCASE, archived)"_s,
            u"CREATE INDEX customers_phone_b1 ON customers"
            " (substr(phone, 1, 1) COLLATE NOCASE, name COLLATE NOCASE, id, archived)"_s,
            u"CREATE INDEX customers_phone_b2 ON customers"
            " (substr(phone, 1, 2) COLLATE NOCASE, name COLLATE NOCASE, id, phone COLLATE NOCASE, archived)"_s,
            u"CREATE INDEX customers_reference_b1 ON customers"
            " (substr(reference, 1, 1) COLLATE NOCASE, name COLLATE NOCASE, id, archived)"_s,
            u"CREATE INDEX customers_reference_b2 ON customers"
            " (substr(reference, 1, 2) COLLATE NOCASE, name COLLATE NOCASE, id, reference COLLATE NOCASE, archived)"_s,
            // The customers list counts each row's active tokens; with the expiry in the index the
            // count never reads the token rows themselves.
            u"DROP INDEX card_tokens_customer"_s,
            u"CREATE INDEX card_tokens_customer ON card_tokens (customer_id, status, expires_on)"_s,
            // The history in amount order, walked instead of sorting five million rows.
            u"CREATE INDEX payments_amount ON payments (currency, amount_minor)"_s,
            // The store never changes a payment's customer or creation time; should anything else.
            u"CREATE TRIGGER customer_figures_payment_update AFTER UPDATE OF customer_id, created_at ON "
            u"payments"
            " BEGIN UPDATE customers SET last_charge_at ="
            " (SELECT max(p.created_at) FROM payments p WHERE p.customer_id = customers.id)"
            " WHERE id IN (OLD.customer_id, NEW.customer_id); END"_s,
        },
        {
            // Schema 3: the history's free-text filter (a substring of the order id, transaction id
            // or description) read every payment. A trigram index over the three columns finds the
            // rows holding every three-character piece of the text; the store then checks each with
            // the LIKE it always ran, so the index only narrows, it never decides. detail=none keeps
            // the index to row ids (no positions): the LIKE re-check makes positions unnecessary.
            // External content: the text lives once, in payments.
            u"CREATE VIRTUAL TABLE payments_text USING fts5(order_id, transaction_id, description,"
            " content='payments', content_rowid='id', tokenize='trigram', detail='none')"_s,
            u"INSERT INTO payments_text (payments_text) VALUES ('rebuild')"_s,
            u"CREATE TRIGGER payments_text_insert AFTER INSERT ON payments"
            " BEGIN INSERT INTO payments_text (rowid, order_id, transaction_id, description)"
            " VALUES (NEW.id, NEW.order_id, NEW.transaction_id, NEW.description); END"_s,
            // Settling a payment sets its transaction id and description; other updates (state,
            // checks, refunds) leave the index alone.
            u"CREATE TRIGGER payments_text_update AFTER UPDATE OF order_id, transaction_id, description"
            " ON payments WHEN OLD.order_id IS NOT NEW.order_id OR OLD.transaction_id IS NOT"
            " NEW.transaction_id OR OLD.description IS NOT NEW.description"
            " BEGIN INSERT INTO payments_text (payments_text, rowid, order_id, transaction_id, description)"
            " VALUES ('delete', OLD.id, OLD.order_id, OLD.transaction_id, OLD.description);"
            " INSERT INTO payments_text (rowid, order_id, transaction_id, description)"
            " VALUES (NEW.id, NEW.order_id, NEW.transaction_id, NEW.description); END"_s,
            // Payments are never deleted (payments_no_delete); should that rule ever go, the index
            // must follow.
            u"CREATE TRIGGER payments_text_delete AFTER DELETE ON payments"
            " BEGIN INSERT INTO payments_text (payments_text, rowid, order_id, transaction_id, description)"
            " VALUES ('delete', OLD.id, OLD.order_id, OLD.transaction_id, OLD.description); END"_s,
        },
        {
            // Schema 4: money rules the payment service checks, kept by the database as well, so that
            // no second connection, desk or process - nor a bug above the store - can break them.
            //
            // At most one charge per card whose outcome is open (in flight, or unknown until
            // verified): a second charge while the first may have taken the money could charge twice.
            u"CREATE UNIQUE INDEX payments_one_open_charge ON payments (token_id)"
            " WHERE state IN ('pending', 'unknown')"_s,
            // What was asked for (order id, card, customer, amount, when) is the intent: it never
            // changes after the row is written ahead.
            u"CREATE TRIGGER payments_intent_fixed BEFORE UPDATE OF order_id, token_id, customer_id,"
            " amount_minor, currency, created_at ON payments"
            " WHEN NEW.order_id IS NOT OLD.order_id OR NEW.token_id IS NOT OLD.token_id"
            " OR NEW.customer_id IS NOT OLD.customer_id OR NEW.amount_minor IS NOT OLD.amount_minor"
            " OR NEW.currency IS NOT OLD.currency OR NEW.created_at IS NOT OLD.created_at"
            " BEGIN SELECT RAISE(ABORT, 'a payment''s order id, card, customer, amount and time never "
            "change');"
            " END"_s,
            // Outcomes only move forward: nothing returns to pending (that would re-open a sent
            // charge), and an approval - money taken, proven by the gateway - is never undone by a
            // late or stale answer. (A verify may still prove an earlier "declined" or "not sent"
            // wrong and settle it as approved: the gateway's own record of the order wins.)
            u"CREATE TRIGGER payments_state_moves_forward BEFORE UPDATE OF state ON payments"
            " WHEN NEW.state IS NOT OLD.state AND (OLD.state = 'approved' OR NEW.state = 'pending')"
            " BEGIN SELECT RAISE(ABORT, 'an approved charge stays approved and no charge returns to "
            "pending');"
            " END"_s,
        },
        {
            // Schema 5: the figure of a blank-amount charge (issue 10 #4). expected_minor is the
            // token's first-payment amount when the charge was written ahead (what Fatora charges
            // when no amount is sent); taken_minor what a verify reply about the payment reported
            // as taken. Both in the payment's currency. Which one a payment counts as is the rule of
            // countedAmount (Payment.h): amount_minor, else taken_minor, else expected_minor.
            u"ALTER TABLE payments ADD COLUMN expected_minor INTEGER"
            " CHECK (expected_minor IS NULL OR expected_minor > 0)"_s,
            u"ALTER TABLE payments ADD COLUMN taken_minor INTEGER CHECK (taken_minor IS NULL OR taken_minor > 0)"_s,
            // Older blank-amount charges: the token's first payment as recorded now is the best
            // figure there is (it is only ever labelled "expected"); none when the token has none
            // or charges in another currency.
            u"UPDATE payments SET expected_minor = (SELECT t.first_amount_minor FROM card_tokens t"
            " WHERE t.id = payments.token_id AND t.currency = payments.currency) WHERE amount_minor IS NULL"_s,
            // The history's count and totals per currency (Store::paymentTotals) for filters of state,
            // refund and dates: summed from these per-hour figures instead of reading five million
            // payments. Kept by triggers, so every writer (desk, CLI, importer, bulk writer) keeps them.
            u"CREATE TABLE payment_figures ("
            "  hour TEXT NOT NULL," // substr(created_at, 1, 13): "2026-11-25T10", UTC
            "  state TEXT NOT NULL,"
            "  refund_state TEXT NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  payments INTEGER NOT NULL,"
            "  counted_minor INTEGER NOT NULL," // sum of coalesce(amount, taken, expected, 0)
            "  no_figure INTEGER NOT NULL,"     // blank amount, neither taken nor expected known
            "  expected_only INTEGER NOT NULL," // counted by the expected amount (not confirmed)
            "  PRIMARY KEY (hour, state, refund_state, currency)) WITHOUT ROWID"_s,
            u"INSERT INTO payment_figures (hour, state, refund_state, currency, payments, counted_minor,"
            " no_figure, expected_only) SELECT substr(created_at, 1, 13), state, refund_state, currency,"
            " count(*), sum(coalesce(amount_minor, taken_minor, expected_minor, 0)),"
            " sum(coalesce(amount_minor, taken_minor, expected_minor) IS NULL),"
            " sum(amount_minor IS NULL AND taken_minor IS NULL AND expected_minor IS NOT NULL)"
            " FROM payments GROUP BY 1, 2, 3, 4"_s,
            u"CREATE TRIGGER payment_figures_insert AFTER INSERT ON payments"
            " BEGIN INSERT INTO payment_figures (hour, state, refund_state, currency, payments, counted_minor,"
            " no_figure, expected_only) VALUES (substr(NEW.created_at, 1, 13), NEW.state, NEW.refund_state,"
            " NEW.currency, 1, coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor, 0),"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor) IS NULL,"
            " NEW.amount_minor IS NULL AND NEW.taken_minor IS NULL AND NEW.expected_minor IS NOT NULL)"
            " ON CONFLICT (hour, state, refund_state, currency) DO UPDATE SET payments = payments + 1,"
            " counted_minor = counted_minor + excluded.counted_minor, no_figure = no_figure + excluded.no_figure,"
            " expected_only = expected_only + excluded.expected_only; END"_s,
            u"CREATE TRIGGER payment_figures_update AFTER UPDATE OF created_at, state, refund_state, currency,"
            " amount_minor, taken_minor, expected_minor ON payments"
            " WHEN OLD.created_at IS NOT NEW.created_at OR OLD.state IS NOT NEW.state"
            " OR OLD.refund_state IS NOT NEW.refund_state OR OLD.currency IS NOT NEW.currency"
            " OR OLD.amount_minor IS NOT NEW.amount_minor OR OLD.taken_minor IS NOT NEW.taken_minor"
            " OR OLD.expected_minor IS NOT NEW.expected_minor"
            " BEGIN UPDATE payment_figures SET payments = payments - 1,"
            " counted_minor = counted_minor - coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor, 0),"
            " no_figure = no_figure - (coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor) IS NULL),"
            " expected_only = expected_only - (OLD.amount_minor IS NULL AND OLD.taken_minor IS NULL"
            " AND OLD.expected_minor IS NOT NULL)"
            " WHERE hour = substr(OLD.created_at, 1, 13) AND state = OLD.state AND refund_state = OLD.refund_state"
            " AND currency = OLD.currency;"
            " INSERT INTO payment_figures (hour, state, refund_state, currency, payments, counted_minor,"
            " no_figure, expected_only) VALUES (substr(NEW.created_at, 1, 13), NEW.state, NEW.refund_state,"
            " NEW.currency, 1, coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor, 0),"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor) IS NULL,"
            " NEW.amount_minor IS NULL AND NEW.taken_minor IS NULL AND NEW.expected_minor IS NOT NULL)"
            " ON CONFLICT (hour, state, refund_state, currency) DO UPDATE SET payments = payments + 1,"
            " counted_minor = counted_minor + excluded.counted_minor, no_figure = no_figure + excluded.no_figure,"
            " expected_only = expected_only + excluded.expected_only; END"_s,
            // Payments are never deleted (payments_no_delete); should that rule ever go, the figures follow.
            u"CREATE TRIGGER payment_figures_delete AFTER DELETE ON payments"
            " BEGIN UPDATE payment_figures SET payments = payments - 1,"
            " counted_minor = counted_minor - coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor, 0),"
            " no_figure = no_figure - (coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor) IS NULL),"
            " expected_only = expected_only - (OLD.amount_minor IS NULL AND OLD.taken_minor IS NULL"
            " AND OLD.expected_minor IS NOT NULL)"
            " WHERE hour = substr(OLD.created_at, 1, 13) AND state = OLD.state AND refund_state = OLD.refund_state"
            " AND currency = OLD.currency; END"_s,
        },
        {
            // Schema 6: customer search inside the fields (CustomerSearch): any part of the name, email and
            // reference, and any part of the phone's digits however they were typed. The digits
            // live in their own column, phone_digits, written by SqliteStore and SqliteBulkWriter
            // with CustomerSearch::phoneKey (digit scripts and country code are beyond plain SQL).
            // NULL there means "not computed yet": rows older than this schema, filled by
            // SqliteStore when it opens the file (fillSearchKeys), found through the partial index.
            u"ALTER TABLE customers ADD COLUMN phone_digits TEXT"_s,
            u"CREATE INDEX customers_search_pending ON customers (id) WHERE phone_digits IS NULL"_s,
            // As for the history (schema 3): a trigram index proposes the customers holding every
            // three-character piece of the text, and the store's LIKE decides. External content,
            // no positions. A customer is in the index exactly when its phone_digits is not NULL,
            // so a row waiting for its key is never deleted from the index it was never added to.
            u"CREATE VIRTUAL TABLE customers_text USING fts5(name, email, reference, phone_digits,"
            " content='customers', content_rowid='id', tokenize='trigram', detail='none')"_s,
            u"CREATE TRIGGER customers_text_insert AFTER INSERT ON customers"
            " WHEN NEW.phone_digits IS NOT NULL"
            " BEGIN INSERT INTO customers_text (rowid, name, email, reference, phone_digits)"
            " VALUES (NEW.id, NEW.name, NEW.email, NEW.reference, NEW.phone_digits); END"_s,
            // Saving a customer rewrites every column; only a change of the searched ones reindexes.
            u"CREATE TRIGGER customers_text_update AFTER UPDATE OF name, email, reference, phone_digits"
            " ON customers WHEN OLD.name IS NOT NEW.name OR OLD.email IS NOT NEW.email"
            " OR OLD.reference IS NOT NEW.reference OR OLD.phone_digits IS NOT NEW.phone_digits"
            " BEGIN INSERT INTO customers_text (customers_text, rowid, name, email, reference, phone_digits)"
            " SELECT 'delete', OLD.id, OLD.name, OLD.email, OLD.reference, OLD.phone_digits"
            " WHERE OLD.phone_digits IS NOT NULL;"
            " INSERT INTO customers_text (rowid, name, email, reference, phone_digits)"
            " SELECT NEW.id, NEW.name, NEW.email, NEW.reference, NEW.phone_digits"
            " WHERE NEW.phone_digits IS NOT NULL; END"_s,
            u"CREATE TRIGGER customers_text_delete AFTER DELETE ON customers"
            " WHEN OLD.phone_digits IS NOT NULL"
            " BEGIN INSERT INTO customers_text (customers_text, rowid, name, email, reference, phone_digits)"
            " VALUES ('delete', OLD.id, OLD.name, OLD.email, OLD.reference, OLD.phone_digits); END"_s,
        },
        {
            // Schema 7: session leases (Store::openSession; why a heartbeat here, in Store.h). One
            // row per desk or CLI run, kept after it ends (what ran when, for people); a payment
            // names the session whose call is or was in flight for it.
            u"CREATE TABLE sessions ("
            "  id INTEGER PRIMARY KEY,"
            "  host TEXT NOT NULL DEFAULT '',"
            "  pid INTEGER NOT NULL DEFAULT 0,"
            "  operator TEXT NOT NULL DEFAULT '',"
            "  started_at TEXT NOT NULL,"
            "  heartbeat_at TEXT NOT NULL,"
            "  closed_at TEXT)"_s,
            // Not a foreign key: an owner that names no session is simply not alive (its call is
            // recovered as unknown, the cautious reading), and old sessions may be pruned.
            u"ALTER TABLE payments ADD COLUMN owner_session INTEGER"_s,
        },
        {
            // Schema 8: card requests (issue 15). Before these statements run, SqliteStore rebuilds
            // the payments table with token_id nullable (SQLite cannot drop a NOT NULL in place):
            // a card request has no token until the customer pays. The kind says which a row is,
            // and the database keeps the two apart: a charge always names its card, a card request
            // never does. One open charge per card (schema 4) leaves card requests alone because
            // a unique index never counts a NULL key as a duplicate, in SQLite as in PostgreSQL.
            u"ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'charge'"
            " CHECK ((kind = 'charge' AND token_id IS NOT NULL) OR (kind = 'card-request' AND token_id IS NULL))"_s,
            // The link the customer pays on, as the gateway gave it; empty until then.
            u"ALTER TABLE payments ADD COLUMN checkout_url TEXT NOT NULL DEFAULT ''"_s,
            // The card a card request's payment saved. No REFERENCES clause (a column with one
            // could never be dropped again); the trigger below checks it instead, with more.
            u"ALTER TABLE payments ADD COLUMN saved_token_id INTEGER"_s,
            // One request saves one card and a card comes from one request: two desks checking the
            // same request at once cannot both save it.
            u"CREATE UNIQUE INDEX payments_saved_token ON payments (saved_token_id)"
            " WHERE saved_token_id IS NOT NULL"_s,
            u"CREATE TRIGGER payments_kind_fixed BEFORE UPDATE OF kind ON payments"
            " WHEN NEW.kind IS NOT OLD.kind"
            " BEGIN SELECT RAISE(ABORT, 'a payment''s kind never changes'); END"_s,
            // A link handed to a customer is never swapped for another one.
            u"CREATE TRIGGER payments_checkout_url_once BEFORE UPDATE OF checkout_url ON payments"
            " WHEN OLD.checkout_url <> '' AND NEW.checkout_url IS NOT OLD.checkout_url"
            " BEGIN SELECT RAISE(ABORT, 'a card request''s checkout link never changes'); END"_s,
            // The saved card is set once, by an approved card request, to a card of its customer.
            u"CREATE TRIGGER payments_saved_token_once BEFORE UPDATE OF saved_token_id ON payments"
            " WHEN NEW.saved_token_id IS NOT OLD.saved_token_id AND (OLD.saved_token_id IS NOT NULL"
            " OR NEW.kind <> 'card-request' OR NEW.state <> 'approved'"
            " OR NOT EXISTS (SELECT 1 FROM card_tokens t WHERE t.id = NEW.saved_token_id"
            " AND t.customer_id = NEW.customer_id))"
            " BEGIN SELECT RAISE(ABORT, 'a card request saves one card of its own customer, once, when"
            " approved'); END"_s,
            u"CREATE TRIGGER payments_saved_token_insert BEFORE INSERT ON payments"
            " WHEN NEW.saved_token_id IS NOT NULL"
            " BEGIN SELECT RAISE(ABORT, 'a payment is written without a saved card; its check saves one');"
            " END"_s,
        },
        {
            // Schema 9: the per-hour figures say which kind of payment they count. A card request
            // waiting for its customer (pending or unknown) is not a charge whose outcome is
            // unknown: the history's totals show it apart (PaymentTotalsTally), and only charges
            // ask to be verified. Rebuilt from the payments, as schema 5 built them (whether or not
            // schema 5's are still there).
            u"DROP TRIGGER IF EXISTS payment_figures_insert"_s,
            u"DROP TRIGGER IF EXISTS payment_figures_update"_s,
            u"DROP TRIGGER IF EXISTS payment_figures_delete"_s,
            u"DROP TABLE IF EXISTS payment_figures"_s,
            u"CREATE TABLE payment_figures ("
            "  hour TEXT NOT NULL," // substr(created_at, 1, 13): "2026-11-25T10", UTC
            "  kind TEXT NOT NULL,"
            "  state TEXT NOT NULL,"
            "  refund_state TEXT NOT NULL,"
            "  currency TEXT NOT NULL,"
            "  payments INTEGER NOT NULL,"
            "  counted_minor INTEGER NOT NULL," // sum of coalesce(amount, taken, expected, 0)
            "  no_figure INTEGER NOT NULL,"     // blank amount, neither taken nor expected known
            "  expected_only INTEGER NOT NULL," // counted by the expected amount (not confirmed)
            "  PRIMARY KEY (hour, kind, state, refund_state, currency)) WITHOUT ROWID"_s,
            u"INSERT INTO payment_figures (hour, kind, state, refund_state, currency, payments, counted_minor,"
            " no_figure, expected_only) SELECT substr(created_at, 1, 13), kind, state, refund_state, currency,"
            " count(*), sum(coalesce(amount_minor, taken_minor, expected_minor, 0)),"
            " sum(coalesce(amount_minor, taken_minor, expected_minor) IS NULL),"
            " sum(amount_minor IS NULL AND taken_minor IS NULL AND expected_minor IS NOT NULL)"
            " FROM payments GROUP BY 1, 2, 3, 4, 5"_s,
            u"CREATE TRIGGER payment_figures_insert AFTER INSERT ON payments"
            " BEGIN INSERT INTO payment_figures (hour, kind, state, refund_state, currency, payments,"
            " counted_minor, no_figure, expected_only) VALUES (substr(NEW.created_at, 1, 13), NEW.kind,"
            " NEW.state, NEW.refund_state, NEW.currency, 1,"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor, 0),"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor) IS NULL,"
            " NEW.amount_minor IS NULL AND NEW.taken_minor IS NULL AND NEW.expected_minor IS NOT NULL)"
            " ON CONFLICT (hour, kind, state, refund_state, currency) DO UPDATE SET payments = payments + 1,"
            " counted_minor = counted_minor + excluded.counted_minor, no_figure = no_figure + excluded.no_figure,"
            " expected_only = expected_only + excluded.expected_only; END"_s,
            // A payment's kind never changes (payments_kind_fixed), so it is not among the columns watched.
            u"CREATE TRIGGER payment_figures_update AFTER UPDATE OF created_at, state, refund_state, currency,"
            " amount_minor, taken_minor, expected_minor ON payments"
            " WHEN OLD.created_at IS NOT NEW.created_at OR OLD.state IS NOT NEW.state"
            " OR OLD.refund_state IS NOT NEW.refund_state OR OLD.currency IS NOT NEW.currency"
            " OR OLD.amount_minor IS NOT NEW.amount_minor OR OLD.taken_minor IS NOT NEW.taken_minor"
            " OR OLD.expected_minor IS NOT NEW.expected_minor"
            " BEGIN UPDATE payment_figures SET payments = payments - 1,"
            " counted_minor = counted_minor - coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor, 0),"
            " no_figure = no_figure - (coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor) IS NULL),"
            " expected_only = expected_only - (OLD.amount_minor IS NULL AND OLD.taken_minor IS NULL"
            " AND OLD.expected_minor IS NOT NULL)"
            " WHERE hour = substr(OLD.created_at, 1, 13) AND kind = OLD.kind AND state = OLD.state"
            " AND refund_state = OLD.refund_state AND currency = OLD.currency;"
            " INSERT INTO payment_figures (hour, kind, state, refund_state, currency, payments, counted_minor,"
            " no_figure, expected_only) VALUES (substr(NEW.created_at, 1, 13), NEW.kind, NEW.state,"
            " NEW.refund_state, NEW.currency, 1,"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor, 0),"
            " coalesce(NEW.amount_minor, NEW.taken_minor, NEW.expected_minor) IS NULL,"
            " NEW.amount_minor IS NULL AND NEW.taken_minor IS NULL AND NEW.expected_minor IS NOT NULL)"
            " ON CONFLICT (hour, kind, state, refund_state, currency) DO UPDATE SET payments = payments + 1,"
            " counted_minor = counted_minor + excluded.counted_minor, no_figure = no_figure + excluded.no_figure,"
            " expected_only = expected_only + excluded.expected_only; END"_s,
            // Payments are never deleted (payments_no_delete); should that rule ever go, the figures follow.
            u"CREATE TRIGGER payment_figures_delete AFTER DELETE ON payments"
            " BEGIN UPDATE payment_figures SET payments = payments - 1,"
            " counted_minor = counted_minor - coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor, 0),"
            " no_figure = no_figure - (coalesce(OLD.amount_minor, OLD.taken_minor, OLD.expected_minor) IS NULL),"
            " expected_only = expected_only - (OLD.amount_minor IS NULL AND OLD.taken_minor IS NULL"
            " AND OLD.expected_minor IS NOT NULL)"
            " WHERE hour = substr(OLD.created_at, 1, 13) AND kind = OLD.kind AND state = OLD.state"
            " AND refund_state = OLD.refund_state AND currency = OLD.currency; END"_s,
        },
        {
            // Schema 10: billing runs (issue 16). A batch and its items are written before anything
            // is sent; an item is sent by turning it from queued to sent with its order id and the
            // payment written ahead for it, in one transaction, so an item is one order id forever.
            u"CREATE TABLE batches ("
            "  id INTEGER PRIMARY KEY,"
            "  name TEXT NOT NULL CHECK (name <> ''),"
            "  state TEXT NOT NULL CHECK (state IN ('ready', 'running', 'paused', 'cancelled', 'finished')),"
            "  operator TEXT NOT NULL DEFAULT '',"
            "  source TEXT NOT NULL DEFAULT '',"
            "  retry_of INTEGER REFERENCES batches (id),"
            "  created_at TEXT NOT NULL,"
            "  updated_at TEXT NOT NULL)"_s,
            u"CREATE TABLE batch_items ("
            "  id INTEGER PRIMARY KEY,"
            "  batch_id INTEGER NOT NULL REFERENCES batches (id),"
            "  line INTEGER NOT NULL,"
            "  given TEXT NOT NULL DEFAULT '',"
            "  customer_id INTEGER REFERENCES customers (id),"
            "  token_id INTEGER REFERENCES card_tokens (id),"
            "  amount_minor INTEGER CHECK (amount_minor IS NULL OR amount_minor > 0),"
            "  expected_minor INTEGER CHECK (expected_minor IS NULL OR expected_minor > 0),"
            "  currency TEXT NOT NULL DEFAULT '',"
            "  note TEXT NOT NULL DEFAULT '',"
            "  state TEXT NOT NULL CHECK (state IN ('queued', 'skipped', 'sent', 'refused', 'cancelled')),"
            "  skip TEXT NOT NULL DEFAULT '',"
            "  reason TEXT NOT NULL DEFAULT '',"
            "  order_id TEXT UNIQUE CHECK (order_id IS NULL OR order_id <> ''),"
            "  payment_id INTEGER UNIQUE REFERENCES payments (id),"
            "  updated_at TEXT NOT NULL,"
            // Sent is exactly "has its order id and payment"; a queued item names its card.
            "  CHECK ((state = 'sent') = (order_id IS NOT NULL AND payment_id IS NOT NULL)),"
            "  CHECK (state <> 'queued' OR token_id IS NOT NULL))"_s,
            u"CREATE INDEX batch_items_batch_state ON batch_items (batch_id, state, id)"_s,
            // A card waits in one batch at a time: two runs planned over the same card (the same
            // file twice, overlapping runs, a retry of a retry) cannot both hold it queued.
            u"CREATE UNIQUE INDEX batch_items_one_queued_per_card ON batch_items (token_id)"
            " WHERE state = 'queued'"_s,
            u"CREATE TRIGGER batch_items_written_unsent BEFORE INSERT ON batch_items"
            " WHEN NEW.state NOT IN ('queued', 'skipped')"
            " BEGIN SELECT RAISE(ABORT, 'a batch item is written queued or skipped'); END"_s,
            // An item leaves "queued" once (sent, refused or cancelled) and is never changed again:
            // a second runner cannot take it, and its order id is never swapped or reused.
            u"CREATE TRIGGER batch_items_leave_queued_once BEFORE UPDATE ON batch_items"
            " WHEN OLD.state <> 'queued' OR NEW.state = 'queued' OR NEW.state = 'skipped'"
            " OR NEW.batch_id IS NOT OLD.batch_id OR NEW.line IS NOT OLD.line OR NEW.token_id IS NOT OLD.token_id"
            " OR NEW.customer_id IS NOT OLD.customer_id OR NEW.amount_minor IS NOT OLD.amount_minor"
            " OR NEW.expected_minor IS NOT OLD.expected_minor OR NEW.currency IS NOT OLD.currency"
            " BEGIN SELECT RAISE(ABORT, 'a batch item leaves queued once and never changes again'); END"_s,
            // The payment a sent item names is the charge of its card under its order id.
            u"CREATE TRIGGER batch_items_sent_as_paid BEFORE UPDATE ON batch_items"
            " WHEN NEW.state = 'sent' AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = NEW.payment_id"
            " AND p.order_id = NEW.order_id AND p.token_id = NEW.token_id)"
            " BEGIN SELECT RAISE(ABORT, 'a sent batch item names the charge of its card under its order id');"
            " END"_s,
            u"CREATE TRIGGER batch_items_no_delete BEFORE DELETE ON batch_items"
            " BEGIN SELECT RAISE(ABORT, 'batch items are never deleted'); END"_s,
            u"CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches"
            " BEGIN SELECT RAISE(ABORT, 'batches are never deleted'); END"_s,
            u"CREATE TRIGGER batches_end_for_good BEFORE UPDATE ON batches"
            " WHEN OLD.state IN ('cancelled', 'finished') AND NEW.state IS NOT OLD.state"
            " BEGIN SELECT RAISE(ABORT, 'a cancelled or finished batch never runs again'); END"_s,
        },
    };
    return list;
}

} // namespace fatora::sqlite
