-- Issue 12 test corpus: a music store (chinook-like): AUTOINCREMENT, WITHOUT ROWID, STRICT, NOCASE unique, VIRTUAL/STORED generated
-- columns, partial unique and expression indexes, FK actions, triggers (one with WHEN), a view.
PRAGMA foreign_keys = ON;
CREATE TABLE artist (ArtistId INTEGER PRIMARY KEY AUTOINCREMENT, Name NVARCHAR(120));
CREATE TABLE album (AlbumId INTEGER PRIMARY KEY, Title NVARCHAR(160) NOT NULL, ArtistId INTEGER NOT NULL REFERENCES artist (ArtistId) ON DELETE CASCADE);
CREATE TABLE genre (GenreId INTEGER PRIMARY KEY, Name TEXT COLLATE NOCASE UNIQUE);
CREATE TABLE track (
  TrackId INTEGER PRIMARY KEY,
  Name NVARCHAR(200) NOT NULL,
  AlbumId INTEGER REFERENCES album (AlbumId),
  GenreId INTEGER REFERENCES genre (GenreId) ON DELETE SET NULL,
  Composer NVARCHAR(220),
  Milliseconds INTEGER NOT NULL CHECK (Milliseconds > 0),
  Bytes INTEGER,
  UnitPrice NUMERIC(10,2) NOT NULL DEFAULT 0.99,
  Seconds REAL GENERATED ALWAYS AS (Milliseconds / 1000.0) VIRTUAL,
  Kb INTEGER GENERATED ALWAYS AS (Bytes / 1024) STORED,
  Added DATETIME DEFAULT CURRENT_TIMESTAMP,
  deleted_at TEXT
);
CREATE INDEX track_album ON track (AlbumId);
CREATE UNIQUE INDEX track_name_live ON track (AlbumId, Name) WHERE deleted_at IS NULL;
CREATE INDEX track_name_lower ON track (lower(Name));
CREATE TABLE playlist_track (PlaylistId INTEGER NOT NULL, TrackId INTEGER NOT NULL REFERENCES track (TrackId), PRIMARY KEY (PlaylistId, TrackId)) WITHOUT ROWID;
CREATE TABLE invoice (InvoiceId INTEGER PRIMARY KEY, Total REAL NOT NULL, BillingCountry TEXT, updated TEXT) STRICT;
CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT NOT NULL);
CREATE TRIGGER track_log AFTER INSERT ON track BEGIN INSERT INTO log (msg) VALUES ('track ' || NEW.TrackId); END;
CREATE TRIGGER invoice_touch AFTER UPDATE OF Total ON invoice FOR EACH ROW WHEN NEW.Total <> OLD.Total BEGIN UPDATE invoice SET updated = datetime('now') WHERE InvoiceId = NEW.InvoiceId; END;
CREATE VIEW album_tracks AS SELECT a.Title, count(*) AS n FROM album a JOIN track t ON t.AlbumId = a.AlbumId GROUP BY a.Title;
INSERT INTO artist (Name) VALUES ('AC/DC'), ('Accept');
INSERT INTO album VALUES (1, 'For Those About To Rock', 1);
INSERT INTO genre VALUES (1, 'Rock');
INSERT INTO track (TrackId, Name, AlbumId, GenreId, Milliseconds, Bytes, UnitPrice) VALUES (1, 'For Those About To Rock (We Salute You)', 1, 1, 343719, 11170334, 0.99);
INSERT INTO playlist_track VALUES (1, 1);
INSERT INTO invoice VALUES (1, 1.98, 'Germany', NULL);
