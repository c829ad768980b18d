<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>The “%1” metafield cannot be read: %2.</source>
        <translation>Das Metafeld „%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>This variant cannot be counted</source>
        <translation>Diese Variante kann nicht gezählt werden</translation>
    </message>
    <message>
        <source>%1 cannot be counted as it is. %2

Reset rewrites its stock-take data as a new snapshot would: the baseline from Shopify now, counts at zero, status pending. Then it can be counted again.</source>
        <translation>%1 kann so nicht gezählt werden. %2

„Zurücksetzen“ schreibt die Inventurdaten neu, wie es eine neue Übernahme des Buchbestands täte: Buchbestand aus dem jetzigen Shopify-Bestand, Zählungen auf null, Status ausstehend. Danach kann wieder gezählt werden.</translation>
    </message>
</context>
<context>
    <name>AccuracyWindow</name>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Reading every variant&apos;s count history…</source>
        <translation>Die Zählhistorie jeder Variante wird gelesen…</translation>
    </message>
    <message>
        <source>Reading the shop</source>
        <translation>Der Shop wird gelesen</translation>
    </message>
    <message>
        <source>Inventory record accuracy per session</source>
        <translation>Bestandsgenauigkeit je Inventur</translation>
    </message>
    <message>
        <source>Shrinkage and repeat offenders</source>
        <translation>Schwund und Wiederholungsfälle</translation>
    </message>
    <message>
        <source>vendor</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <source>product type</source>
        <translation>Produkttyp</translation>
    </message>
    <message>
        <source>area</source>
        <translation>Lagerbereich</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>Zähler</translation>
    </message>
    <message>
        <source>Shrinkage by</source>
        <translation>Schwund nach</translation>
    </message>
    <message>
        <source>Shrinkage at cost by</source>
        <translation>Schwund zum Einstandspreis nach</translation>
    </message>
    <message>
        <source>Shrinkage breakdown</source>
        <translation>Schwund aufgeschlüsselt</translation>
    </message>
    <message>
        <source>Shrinkage</source>
        <translation>Schwund</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Variance of the last counts</source>
        <translation>Differenz der letzten Zählungen</translation>
    </message>
    <message>
        <source>Repeat offenders</source>
        <translation>Wiederholungsfälle</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Excel exportieren…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Reading every variant&apos;s count history: %1 objects so far…</source>
        <translation>Die Zählhistorie jeder Variante wird gelesen: bisher %1 Objekte…</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>genau</translation>
    </message>
    <message>
        <source>%1 finalized sessions, %2 counted lines in the variants&apos; histories.</source>
        <translation>%1 abgeschlossene Inventuren, %2 gezählte Zeilen in den Historien der Varianten.</translation>
    </message>
    <message>
        <source>No finalized count yet: accuracy shows after the first session is finalized.</source>
        <translation>Noch keine abgeschlossene Zählung: Die Genauigkeit erscheint, sobald die erste Inventur abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Inventory record accuracy per session (share of lines counted %1)%2</source>
        <translation>Bestandsgenauigkeit je Inventur (Anteil der Zeilen, %1 gezählt)%2</translation>
    </message>
    <message>
        <source>: last %1 %</source>
        <translation>: zuletzt %1 %</translation>
    </message>
    <message>
        <source>Repeat offenders (%1)</source>
        <translation>Wiederholungsfälle (%1)</translation>
    </message>
    <message>
        <source>Variants off in 2 of their last 3 counts</source>
        <translation>Varianten, die in 2 ihrer letzten 3 Zählungen abwichen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine Angabe)</translation>
    </message>
    <message>
        <source>%1 (%2 units)</source>
        <translation>%1 (%2 Stück)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the accuracy tables</source>
        <translation>Genauigkeitstabellen exportieren</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>ApplyLinesModel</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Shopify now</source>
        <translation>Shopify jetzt</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Bewegt</translation>
    </message>
    <message>
        <source>Keep counted</source>
        <translation>Ist übernehmen</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>nicht geschrieben</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Keep the difference (recommended)</source>
        <translation>Differenz übernehmen (empfohlen)</translation>
    </message>
    <message>
        <source>Keep the counted quantity</source>
        <translation>Gezählte Menge übernehmen</translation>
    </message>
    <message>
        <source>Shopify&apos;s stock moves by counted − snapshot at each location: what sold while you counted stays sold.</source>
        <translation>Der Shopify-Bestand ändert sich an jedem Standort um gezählt − Soll: Was während der Zählung verkauft wurde, bleibt verkauft.</translation>
    </message>
    <message>
        <source>Shopify&apos;s stock becomes exactly what was counted. A line whose stock changes while you decide is read again and shown once more.</source>
        <translation>Der Shopify-Bestand wird genau das, was gezählt wurde. Ändert sich der Bestand einer Zeile, während Sie entscheiden, wird sie neu gelesen und noch einmal angezeigt.</translation>
    </message>
    <message>
        <source>Tap “Keep counted” on a line to make an exception for it (or Space on the keyboard).</source>
        <translation>„Ist übernehmen“ in einer Zeile antippen (oder Leertaste), um für sie eine Ausnahme zu machen.</translation>
    </message>
    <message>
        <source>Changes to apply</source>
        <translation>Zu buchende Änderungen</translation>
    </message>
    <message>
        <source>Apply summary</source>
        <translation>Zusammenfassung der Übernahme</translation>
    </message>
    <message>
        <source>%v of %m written</source>
        <translation>%v von %m geschrieben</translation>
    </message>
    <message>
        <source>Apply progress</source>
        <translation>Fortschritt der Buchung</translation>
    </message>
    <message>
        <source>Track and stock these items</source>
        <translation>Diese Artikel verfolgen und einlagern</translation>
    </message>
    <message>
        <source>Turns inventory tracking on, and stocks items at the locations where they are not stocked yet, so their counts can be written.</source>
        <translation>Schaltet die Bestandsverfolgung ein und legt die Artikel an den Standorten an, an denen sie noch nicht geführt werden, damit ihre Zählungen geschrieben werden können.</translation>
    </message>
    <message>
        <source>Apply to Shopify…</source>
        <translation>In Shopify übernehmen…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Revert…</source>
        <translation>Zurücknehmen…</translation>
    </message>
    <message>
        <source>Posts the opposite adjustment of what the apply wrote.</source>
        <translation>Bucht die Gegenbuchung zu dem, was die Übernahme geschrieben hat.</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>am %1 durch %2</translation>
    </message>
    <message>
        <source>Applied to Shopify %1 (%2). Revert posts the opposite adjustment and makes a new apply possible.</source>
        <translation>In Shopify übernommen %1 (%2). Zurücknehmen bucht die Gegenbuchung und ermöglicht eine neue Übernahme.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) keep the other way.</source>
        <translation>
            <numerusform>%n Zeile bleibt beim anderen Weg.</numerusform>
            <numerusform>%n Zeilen bleiben beim anderen Weg.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) cannot be written as they are: items Shopify does not track or does not stock at the location (shown first).</source>
        <translation>
            <numerusform>%n Zeile kann so nicht geschrieben werden: ein Artikel, dessen Bestand Shopify nicht führt oder der am Standort nicht vorrätig ist (steht oben).</numerusform>
            <numerusform>%n Zeilen können so nicht geschrieben werden: Artikel, deren Bestand Shopify nicht führt oder die am Standort nicht vorrätig sind (stehen oben).</numerusform>
        </translation>
    </message>
    <message>
        <source>Area %1 is mapped to no location: its counts are not written (Storage areas… maps it).</source>
        <translation>Lagerbereich %1 ist keinem Standort zugeordnet: Seine Zählungen werden nicht geschrieben (unter „Lagerbereiche…“ zuordnen).</translation>
    </message>
    <message>
        <source>An earlier apply was interrupted: it resumes with the choices it was started with, and writes nothing twice.</source>
        <translation>Eine frühere Übernahme wurde unterbrochen: Sie läuft mit der damals getroffenen Wahl weiter und schreibt nichts doppelt.</translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to Shopify…</source>
        <translation>
            <numerusform>%n Änderung in Shopify übernehmen…</numerusform>
            <numerusform>%n Änderungen in Shopify übernehmen…</numerusform>
        </translation>
    </message>
    <message>
        <source>keeping the difference: what sold during the count stays sold</source>
        <translation>mit behaltener Differenz: Was während der Zählung verkauft wurde, bleibt verkauft</translation>
    </message>
    <message>
        <source>keeping the counted quantity: Shopify&apos;s stock becomes the count</source>
        <translation>mit der gezählten Menge: Der Bestand in Shopify wird zur Zählung</translation>
    </message>
    <message numerus="yes">
        <source>Writes %n change(s) to Shopify&apos;s inventory, %1.</source>
        <translation>
            <numerusform>Schreibt %n Änderung in den Bestand von Shopify, %1.</numerusform>
            <numerusform>Schreibt %n Änderungen in den Bestand von Shopify, %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 variants were counted as 0 (never counted, or nothing found): their stock goes to 0, %3 units out.</source>
        <translation>%1 von %2 Varianten wurden mit 0 gezählt (nie gezählt oder nichts gefunden): Ihr Bestand geht auf 0, %3 Einheiten ab.</translation>
    </message>
    <message>
        <source>Apply to Shopify</source>
        <translation>In Shopify übernehmen</translation>
    </message>
    <message>
        <source>%1 (%2, %3).</source>
        <translation>%1 (%2, %3).</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to write</source>
        <translation>
            <numerusform>%n Änderung zu schreiben</numerusform>
            <numerusform>%n Änderungen zu schreiben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) in</source>
        <translation>
            <numerusform>%n Einheit Zugang</numerusform>
            <numerusform>%n Einheiten Zugang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) out</source>
        <translation>
            <numerusform>%n Einheit Abgang</numerusform>
            <numerusform>%n Einheiten Abgang</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2 at cost), %3 (%4 at cost).</source>
        <translation>%1 (%2 zum Einstandspreis), %3 (%4 zum Einstandspreis).</translation>
    </message>
    <message>
        <source>Shopify&apos;s stock changes at once for every sales channel. Revert can post the opposite adjustment later, but orders placed meanwhile see the new stock.</source>
        <translation>Der Bestand in Shopify ändert sich sofort für alle Verkaufskanäle. Zurücknehmen kann später die Gegenbuchung buchen, doch Bestellungen in der Zwischenzeit sehen den neuen Bestand.</translation>
    </message>
    <message>
        <source>Write to Shopify</source>
        <translation>In Shopify schreiben</translation>
    </message>
    <message>
        <source>Apply stopped. Apply again to finish: what was written is not written twice.</source>
        <translation>Übernahme angehalten. Erneut übernehmen, um sie abzuschließen: Bereits Geschriebenes wird nicht doppelt geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) changed in Shopify while you decided. They were read again: check them and apply again.</source>
        <translation>
            <numerusform>%n Zeile hat sich in Shopify geändert, während Sie entschieden. Sie wurde neu gelesen: Prüfen Sie sie und übernehmen Sie erneut.</numerusform>
            <numerusform>%n Zeilen haben sich in Shopify geändert, während Sie entschieden. Sie wurden neu gelesen: Prüfen Sie sie und übernehmen Sie erneut.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be written: %1 Apply again to retry them.</source>
        <translation>
            <numerusform>%n Zeile konnte nicht geschrieben werden: %1 Übernehmen Sie erneut, um es noch einmal zu versuchen.</numerusform>
            <numerusform>%n Zeilen konnten nicht geschrieben werden: %1 Übernehmen Sie erneut, um es noch einmal zu versuchen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Session %1 was applied already: nothing was written again.</source>
        <translation>Inventur %1 wurde bereits übernommen: Es wurde nichts erneut geschrieben.</translation>
    </message>
    <message numerus="yes">
        <source>Applied %n change(s) to Shopify&apos;s inventory.</source>
        <translation>
            <numerusform>%n Änderung in den Bestand von Shopify übernommen.</numerusform>
            <numerusform>%n Änderungen in den Bestand von Shopify übernommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are now tracked and stocked where they were counted.</source>
        <translation>
            <numerusform>%n Artikel wird jetzt geführt und ist dort vorrätig, wo er gezählt wurde.</numerusform>
            <numerusform>%n Artikel werden jetzt geführt und sind dort vorrätig, wo sie gezählt wurden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revert the apply</source>
        <translation>Übernahme zurücknehmen</translation>
    </message>
    <message>
        <source>Posts the opposite adjustment of what session %1 wrote to Shopify&apos;s inventory; the session goes back to finalized, and a new apply is possible.</source>
        <translation>Bucht die Gegenbuchung dessen, was Inventur %1 in den Bestand von Shopify geschrieben hat; die Inventur ist dann wieder abgeschlossen, und eine neue Übernahme ist möglich.</translation>
    </message>
    <message>
        <source>Shopify&apos;s stock changes at once; nothing is deleted, the history keeps both.</source>
        <translation>Der Bestand in Shopify ändert sich sofort; nichts wird gelöscht, der Verlauf behält beides.</translation>
    </message>
    <message>
        <source>Revert in Shopify</source>
        <translation>In Shopify zurücknehmen</translation>
    </message>
    <message numerus="yes">
        <source>Reverted %n change(s); the session is finalized again.</source>
        <translation>
            <numerusform>%n Änderung zurückgenommen; die Inventur ist wieder abgeschlossen.</numerusform>
            <numerusform>%n Änderungen zurückgenommen; die Inventur ist wieder abgeschlossen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AreasEditor</name>
    <message>
        <source>Storage areas</source>
        <translation>Lagerbereiche</translation>
    </message>
    <message>
        <source>Where stock is kept and counted. Each area maps to the Shopify location whose stock it holds; non-standard areas (a garage, a van) raise an alert when stock is found there.</source>
        <translation>Wo Ware lagert und gezählt wird. Jeder Lagerbereich gehört zu dem Shopify-Standort, dessen Bestand er enthält; Sonderbereiche (eine Garage, ein Lieferwagen) melden einen Hinweis, wenn dort Ware gefunden wird.</translation>
    </message>
    <message>
        <source>This shop has several locations: check which location each area&apos;s stock belongs to before the first count (counts are written to that location).</source>
        <translation>Dieser Shop hat mehrere Standorte: Prüfen Sie vor der ersten Zählung, zu welchem Standort der Bestand jedes Lagerbereichs gehört (Zählungen werden an diesen Standort geschrieben).</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Shopify location</source>
        <translation>Shopify-Standort</translation>
    </message>
    <message>
        <source>Areas message</source>
        <translation>Meldung zu den Lagerbereichen</translation>
    </message>
    <message>
        <source>Add area</source>
        <translation>Bereich hinzufügen</translation>
    </message>
    <message>
        <source>Remove area</source>
        <translation>Bereich entfernen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>New area</source>
        <translation>Neuer Bereich</translation>
    </message>
    <message>
        <source>— no location —</source>
        <translation>— kein Standort —</translation>
    </message>
    <message>
        <source> (does not ship)</source>
        <translation> (versendet nicht)</translation>
    </message>
    <message>
        <source>Mapped to no location: %1. Counts there cannot be written to Shopify&apos;s inventory.</source>
        <translation>Keinem Standort zugeordnet: %1. Zählungen dort können nicht in den Shopify-Bestand geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>AreasPage</name>
    <message>
        <source>Which storage areas are counted?</source>
        <translation>Welche Lagerbereiche werden gezählt?</translation>
    </message>
    <message>
        <source>  (non-standard)</source>
        <translation>  (Sonderbereich)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>What this will do</source>
        <translation>Was geschehen wird</translation>
    </message>
    <message>
        <source>What cannot be undone</source>
        <translation>Was sich nicht rückgängig machen lässt</translation>
    </message>
    <message>
        <source>Confirmation message</source>
        <translation>Meldung zur Bestätigung</translation>
    </message>
    <message>
        <source>The manager PIN:</source>
        <translation>Die Manager-PIN:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Diese PIN ist nicht richtig.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Session %1 will tag %2 products with %3, then copy Shopify&apos;s stock into each variant&apos;s baseline. Areas: %4.%5 Tagging cannot be taken back from here: releasing the session later removes the tags.</source>
        <translation>Inventur %1 versieht %2 Produkte mit dem Tag %3 und übernimmt dann den Bestand aus Shopify als Ausgangsmenge jeder Variante. Bereiche: %4.%5 Das Taggen lässt sich hier nicht zurücknehmen: Erst das Freigeben der Inventur entfernt die Tags.</translation>
    </message>
    <message>
        <source> Blind count.</source>
        <translation> Blindzählung.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to your Shopify shop</source>
        <translation>Mit Ihrem Shopify-Shop verbinden</translation>
    </message>
    <message>
        <source>Inventra keeps every count in your shop. Enter the shop&apos;s address and the credentials of your Inventra app.</source>
        <translation>Inventra speichert jede Zählung in Ihrem Shop. Geben Sie die Adresse des Shops und die Zugangsdaten Ihrer Inventra-App ein.</translation>
    </message>
    <message>
        <source>Shop address</source>
        <translation>Shop-Adresse</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Admin API access token</source>
        <translation>Admin-API-Token</translation>
    </message>
    <message>
        <source>Client ID and secret (Dev Dashboard app)</source>
        <translation>Client-ID und Secret (Dev Dashboard)</translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation>Anmelden mit</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client-Secret</translation>
    </message>
    <message>
        <source>Connection message</source>
        <translation>Verbindungsmeldung</translation>
    </message>
    <message>
        <source>Try the demo store</source>
        <translation>Demo-Shop ausprobieren</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Continue for this session</source>
        <translation>Für diese Sitzung fortfahren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>For example my-shop or my-shop.myshopify.com</source>
        <translation>Zum Beispiel my-shop oder my-shop.myshopify.com</translation>
    </message>
    <message>
        <source>Will connect to %1</source>
        <translation>Verbindet mit %1</translation>
    </message>
    <message>
        <source>Using the credentials saved in the keyring for this shop.</source>
        <translation>Die im Schlüsselbund gespeicherten Zugangsdaten für diesen Shop werden verwendet.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected to %1, but not remembered: %2</source>
        <translation>Mit %1 verbunden, aber nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <source>Last time this computer had no keyring to keep the shop&apos;s credentials, so they were not saved: enter them again. To have them remembered, install and unlock a keyring (GNOME Keyring or KWallet on Linux).</source>
        <translation>Beim letzten Mal hatte dieser Computer keinen Schlüsselbund für die Zugangsdaten des Shops, deshalb wurden sie nicht gespeichert: Geben Sie sie erneut ein. Damit sie gespeichert werden, installieren und entsperren Sie einen Schlüsselbund (unter Linux GNOME Keyring oder KWallet).</translation>
    </message>
</context>
<context>
    <name>CounterControl</name>
    <message>
        <source>Scanned: +1 for %1 (another item, not this one).</source>
        <translation>Gescannt: +1 für %1 (ein anderer Artikel, nicht dieser).</translation>
    </message>
    <message>
        <source>Scan %1 not counted: %2</source>
        <translation>Scan %1 nicht gezählt: %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 was reset: it can be counted again.</source>
        <translation>%1 wurde zurückgesetzt und kann wieder gezählt werden.</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <source>Count</source>
        <translation>Zählen</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Zählfenster</translation>
    </message>
    <message>
        <source>Mark counted</source>
        <translation>Abhaken</translation>
    </message>
    <message>
        <source>Minus one</source>
        <translation>Minus eins</translation>
    </message>
    <message>
        <source>Plus one</source>
        <translation>Plus eins</translation>
    </message>
    <message>
        <source>Plus five</source>
        <translation>Plus fünf</translation>
    </message>
    <message>
        <source>Plus ten</source>
        <translation>Plus zehn</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Set the quantity to the typed number</source>
        <translation>Menge auf die eingegebene Zahl setzen</translation>
    </message>
    <message>
        <source>A count takes at most %1 digits.</source>
        <translation>Eine Menge hat höchstens %1 Stellen.</translation>
    </message>
    <message>
        <source>‹  Previous</source>
        <translation>‹  Zurück</translation>
    </message>
    <message>
        <source>Previous variant</source>
        <translation>Vorherige Variante</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Next  ›</source>
        <translation>Weiter  ›</translation>
    </message>
    <message>
        <source>Next variant</source>
        <translation>Nächste Variante</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the counter</source>
        <translation>Zähler schließen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Count: %1</source>
        <translation>Zählen: %1</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>gezählt</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>nicht gezählt</translation>
    </message>
    <message>
        <source>Area %1</source>
        <translation>Bereich %1</translation>
    </message>
    <message>
        <source>No areas in this session</source>
        <translation>Diese Inventur hat keine Lagerbereiche</translation>
    </message>
    <message>
        <source>Quantity in %1: %2</source>
        <translation>Menge in %1: %2</translation>
    </message>
    <message>
        <source>✓  Area counted</source>
        <translation>✓  Bereich gezählt</translation>
    </message>
    <message>
        <source>Mark area counted</source>
        <translation>Bereich abhaken</translation>
    </message>
    <message>
        <source>Tap again to mark the area not counted; its quantity stays.</source>
        <translation>Noch einmal tippen, um den Bereich als nicht gezählt zu markieren; seine Menge bleibt.</translation>
    </message>
    <message>
        <source>Says this area is finished, also at 0.</source>
        <translation>Sagt, dass dieser Bereich fertig ist, auch bei 0.</translation>
    </message>
    <message>
        <source>Expected in all areas together: %1</source>
        <translation>Soll in allen Bereichen zusammen: %1</translation>
    </message>
    <message>
        <source>Counted in %1</source>
        <translation>Gezählt in %1</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>✓  Mark done</source>
        <translation>✓  Erledigt</translation>
    </message>
</context>
<context>
    <name>CounterHeader</name>
    <message>
        <source>SKU %1</source>
        <translation>SKU %1</translation>
    </message>
    <message>
        <source>Barcode %1</source>
        <translation>Barcode %1</translation>
    </message>
    <message>
        <source>never counted</source>
        <translation>nie gezählt</translation>
    </message>
    <message>
        <source>last counted %1</source>
        <translation>zuletzt gezählt am %1</translation>
    </message>
    <message>
        <source>, off by %1</source>
        <translation>, Abweichung %1</translation>
    </message>
    <message>
        <source>, exact</source>
        <translation>, genau</translation>
    </message>
    <message>
        <source>Product image</source>
        <translation>Produktbild</translation>
    </message>
    <message>
        <source>No product image</source>
        <translation>Kein Produktbild</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variante %1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Wartet auf Senden</translation>
    </message>
    <message>
        <source>Offline – kept on this device</source>
        <translation>Offline – lokal gespeichert</translation>
    </message>
    <message>
        <source>Not sent – see message</source>
        <translation>Nicht gesendet – siehe Meldung</translation>
    </message>
</context>
<context>
    <name>DueModel</name>
    <message>
        <source>In plan</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Last counted</source>
        <translation>Zuletzt gezählt</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>in the plan</source>
        <translation>im Plan</translation>
    </message>
    <message>
        <source>not in the plan</source>
        <translation>nicht im Plan</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <source>Close the count: %1</source>
        <translation>Inventur abschließen: %1</translation>
    </message>
    <message>
        <source>Finalize</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Gezählt</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Value at cost</source>
        <translation>Wert zum Einstandspreis</translation>
    </message>
    <message>
        <source>Moved since</source>
        <translation>Seither bewegt</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Variants whose count differs from Shopify&apos;s stock at the snapshot, biggest first.</source>
        <translation>Varianten, deren Zählung vom Shopify-Buchbestand abweicht, die größten Differenzen zuerst.</translation>
    </message>
    <message>
        <source>Stock that changed in Shopify since the snapshot (sales, returns, transfers) while the count went on. Keep the difference when applying, and these movements stay.</source>
        <translation>Bestand, der sich in Shopify seit der Übernahme des Buchbestands geändert hat (Verkäufe, Retouren, Umlagerungen), während gezählt wurde. Wer beim Übernehmen die Differenz übernimmt, behält diese Bewegungen.</translation>
    </message>
    <message>
        <source>Stock kept in non-standard areas, and everything the report lists as an exception.</source>
        <translation>Ware in Sonderbereichen und alles, was der Bericht als Ausnahme aufführt.</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Fenster schließen</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message numerus="yes">
        <source>%n variance(s) above the review threshold (%2 units or %3 %). Select lines to send them back for a recount.</source>
        <translation>
            <numerusform>%n Differenz über der Prüfschwelle (%2 Einheiten oder %3 %). Wählen Sie Zeilen aus, um sie zur Nachzählung zurückzuschicken.</numerusform>
            <numerusform>%n Differenzen über der Prüfschwelle (%2 Einheiten oder %3 %). Wählen Sie Zeilen aus, um sie zur Nachzählung zurückzuschicken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) went back for a recount: they show as in progress.</source>
        <translation>
            <numerusform>%n Zeile ging zur Nachzählung zurück: Sie steht auf „In Arbeit“.</numerusform>
            <numerusform>%n Zeilen gingen zur Nachzählung zurück: Sie stehen auf „In Arbeit“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variance(s) above the threshold accepted (recorded in the session).</source>
        <translation>
            <numerusform>%n Differenz über der Schwelle angenommen (in der Inventur vermerkt).</numerusform>
            <numerusform>%n Differenzen über der Schwelle angenommen (in der Inventur vermerkt).</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting stops on every device; the products get their area tags and alerts.</source>
        <translation>Die Zählung endet auf allen Geräten; die Produkte erhalten ihre Bereichs-Tags und Warnungen.</translation>
    </message>
    <message>
        <source>%1 variants not done count as 0 where they were not counted; %2 of them were never counted at all: %3 units would go out.</source>
        <translation>Nicht erledigte Varianten (%1) zählen als 0, wo sie nicht gezählt wurden; davon wurden %2 nie gezählt: %3 Einheiten gingen ab.</translation>
    </message>
    <message>
        <source>%1 variants not done are left out of this session: their stock stays as it is.</source>
        <translation>Nicht erledigte Varianten (%1) bleiben aus dieser Inventur heraus: Ihr Bestand bleibt, wie er ist.</translation>
    </message>
    <message>
        <source>Finalize the count</source>
        <translation>Inventur abschließen</translation>
    </message>
    <message>
        <source>Finalize cannot be undone: the session takes no more counts. Shopify&apos;s stock changes only when you apply.</source>
        <translation>Das Abschließen lässt sich nicht rückgängig machen: Die Inventur nimmt keine Zählungen mehr an. Der Bestand in Shopify ändert sich erst beim Übernehmen.</translation>
    </message>
    <message>
        <source>Variances</source>
        <translation>Differenzen</translation>
    </message>
    <message>
        <source>Session state</source>
        <translation>Stand der Inventur</translation>
    </message>
    <message>
        <source>Close the count</source>
        <translation>Inventur beenden</translation>
    </message>
    <message>
        <source>Moved since snapshot</source>
        <translation>Bewegungen seit Stichtag</translation>
    </message>
    <message>
        <source>Alerts and exceptions</source>
        <translation>Hinweise und Ausnahmen</translation>
    </message>
    <message>
        <source>Apply to Shopify</source>
        <translation>In Shopify übernehmen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Exportieren:</translation>
    </message>
    <message>
        <source>Report (CSV)…</source>
        <translation>Bericht (CSV)…</translation>
    </message>
    <message>
        <source>Report (Excel)…</source>
        <translation>Bericht (Excel)…</translation>
    </message>
    <message>
        <source>Count sheet (PDF)…</source>
        <translation>Zählliste (PDF)…</translation>
    </message>
    <message>
        <source>Send the selected back for a recount</source>
        <translation>Auswahl neu zählen lassen</translation>
    </message>
    <message>
        <source>Accept the variances</source>
        <translation>Differenzen akzeptieren</translation>
    </message>
    <message>
        <source>Session %1: %2.</source>
        <translation>Inventur %1: %2.</translation>
    </message>
    <message>
        <source>Blind count: the expected quantities, variances and the report show after finalize.</source>
        <translation>Blindzählung: Sollmengen, Differenzen und der Bericht erscheinen nach dem Abschließen.</translation>
    </message>
    <message>
        <source>After finalize: a blind count&apos;s report shows the expected quantities.</source>
        <translation>Nach dem Abschließen: Der Bericht einer Blindzählung zeigt die Sollmengen.</translation>
    </message>
    <message>
        <source>Select the lines to recount first.</source>
        <translation>Zuerst die Zeilen auswählen, die neu gezählt werden sollen.</translation>
    </message>
    <message>
        <source>Reading the session&apos;s results from Shopify…</source>
        <translation>Ergebnisse der Inventur werden aus Shopify gelesen…</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Stock kept in %1, a non-standard area.</source>
        <translation>Ware in %1, einem Sonderbereich.</translation>
    </message>
    <message>
        <source>Applied later (keeping the difference): %1 (%2 at cost), %3 (%4 at cost), over %5.</source>
        <translation>Später übernommen (Differenz behalten): %1 (%2 zum Einstandspreis), %3 (%4 zum Einstandspreis), über %5.</translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) in</source>
        <translation>
            <numerusform>%n Einheit Zugang</numerusform>
            <numerusform>%n Einheiten Zugang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) out</source>
        <translation>
            <numerusform>%n Einheit Abgang</numerusform>
            <numerusform>%n Einheiten Abgang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s)</source>
        <translation>
            <numerusform>%n Variante</numerusform>
            <numerusform>%n Varianten</numerusform>
        </translation>
    </message>
    <message>
        <source>Finalizing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>FrequenciesDialog</name>
    <message>
        <source>Count frequencies</source>
        <translation>Zählintervalle</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Count class %1 every</source>
        <translation>Klasse %1 zählen alle</translation>
    </message>
    <message>
        <source>Sales read over the last</source>
        <translation>Verkäufe der letzten</translation>
    </message>
</context>
<context>
    <name>GatePage</name>
    <message>
        <source>Finalize</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Completion gate</source>
        <translation>Abschlussprüfung</translation>
    </message>
    <message>
        <source>%1 of %2 variants are done. %3 are not done yet: finalizing needs every variant done, or a decision for the rest.</source>
        <translation>%1 von %2 Varianten sind erledigt. %3 sind noch nicht erledigt: Zum Abschließen muss jede Variante erledigt sein oder für den Rest eine Entscheidung fallen.</translation>
    </message>
    <message>
        <source>All %1 variants are done. Finalizing tags the products by area, raises alerts for stock in non-standard areas, and stops the count.</source>
        <translation>Alle %1 Varianten sind erledigt. Das Abschließen versieht die Produkte mit Tags nach Lagerbereich, meldet Ware in Sonderbereichen und beendet die Zählung.</translation>
    </message>
    <message>
        <source>Count the rest as 0</source>
        <translation>Den Rest mit 0 zählen</translation>
    </message>
    <message>
        <source>Leave the rest out of this session</source>
        <translation>Den Rest aus dieser Inventur herausnehmen</translation>
    </message>
    <message>
        <source>Each becomes done; areas never counted count as 0; counts already entered stay.</source>
        <translation>Jede wird erledigt; nie gezählte Bereiche zählen als 0; bereits erfasste Zählungen bleiben.</translation>
    </message>
    <message>
        <source>They are omitted from this session and take no part in its results.</source>
        <translation>Sie werden aus dieser Inventur ausgelassen und gehen nicht in ihr Ergebnis ein.</translation>
    </message>
    <message>
        <source>Show the %1 not done</source>
        <translation>Die %1 nicht erledigten zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n count(s) of this device still waiting to be sent go first.</source>
        <translation>
            <numerusform>%n Zählung dieses Geräts, die noch auf das Senden wartet, geht zuerst raus.</numerusform>
            <numerusform>%n Zählungen dieses Geräts, die noch auf das Senden warten, gehen zuerst raus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Finalize the count…</source>
        <translation>Inventur abschließen…</translation>
    </message>
    <message>
        <source>Finalize message</source>
        <translation>Meldung zum Abschließen</translation>
    </message>
    <message>
        <source>Choose what happens to the variants not done, or count them first.</source>
        <translation>Wählen Sie, was mit den nicht erledigten Varianten geschieht, oder zählen Sie sie zuerst.</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Inventra Desktop — user guide</source>
        <translation>Inventra Desktop — Benutzerhandbuch</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Type a number</source>
        <translation>Zahl eingeben</translation>
    </message>
    <message>
        <source>Typed PIN</source>
        <translation>Eingegebene PIN</translation>
    </message>
    <message>
        <source>Typed number</source>
        <translation>Eingegebene Zahl</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Letzte Ziffer löschen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>Ziffer %1</translation>
    </message>
</context>
<context>
    <name>MainController</name>
    <message>
        <source>No session yet: start one with New session…</source>
        <translation>Noch keine Inventur: Mit „Neue Inventur…“ eine beginnen.</translation>
    </message>
    <message numerus="yes">
        <source>%n count(s) could not be saved in Shopify: %1</source>
        <translation>
            <numerusform>%n Zählung konnte nicht in Shopify gespeichert werden: %1</numerusform>
            <numerusform>%n Zählungen konnten nicht in Shopify gespeichert werden: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a session before scanning.</source>
        <translation>Vor dem Scannen eine Inventur öffnen.</translation>
    </message>
    <message>
        <source>Now counting into %1</source>
        <translation>Jetzt wird in %1 gezählt</translation>
    </message>
    <message>
        <source>+1 %1</source>
        <translation>+1 %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inventra Desktop</source>
        <translation>Inventra Desktop</translation>
    </message>
    <message>
        <source> — demo store</source>
        <translation> — Demo-Shop</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Inventuren</translation>
    </message>
    <message>
        <source>New session…</source>
        <translation>Neue Inventur…</translation>
    </message>
    <message>
        <source>Progress…</source>
        <translation>Fortschritt…</translation>
    </message>
    <message>
        <source>Charts: status per area and the variances so far</source>
        <translation>Diagramme: Status je Lagerbereich und die bisherigen Differenzen</translation>
    </message>
    <message>
        <source>Finalize…</source>
        <translation>Abschließen…</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>Freigeben…</translation>
    </message>
    <message>
        <source>Plan a count…</source>
        <translation>Zählung planen…</translation>
    </message>
    <message>
        <source>Cycle counting: what is due, and a session from it</source>
        <translation>Permanente Inventur: was fällig ist, und eine Inventur daraus</translation>
    </message>
    <message>
        <source>Accuracy…</source>
        <translation>Genauigkeit…</translation>
    </message>
    <message>
        <source>Inventory record accuracy per session, and shrinkage</source>
        <translation>Bestandsgenauigkeit je Inventur und Schwund</translation>
    </message>
    <message>
        <source>Filter by title, SKU or barcode</source>
        <translation>Nach Titel, SKU oder Barcode filtern</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>every status</source>
        <translation>jeder Status</translation>
    </message>
    <message>
        <source>Area filter</source>
        <translation>Bereichsfilter</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Counts waiting</source>
        <translation>Wartende Zählungen</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>&amp;Cycle counting</source>
        <translation>&amp;Permanente Inventur</translation>
    </message>
    <message>
        <source>&amp;Plan a count…</source>
        <translation>Zählung &amp;planen…</translation>
    </message>
    <message>
        <source>&amp;Accuracy…</source>
        <translation>&amp;Genauigkeit…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Bericht…</translation>
    </message>
    <message>
        <source>A session is released once it is finalized.</source>
        <translation>Eine Inventur wird freigegeben, sobald sie abgeschlossen ist.</translation>
    </message>
    <message>
        <source>every area</source>
        <translation>jeder Bereich</translation>
    </message>
    <message numerus="yes">
        <source>%n count(s) waiting to be sent</source>
        <translation>
            <numerusform>%n Zählung wartet auf das Senden</numerusform>
            <numerusform>%n Zählungen warten auf das Senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Kioskmodus verlassen</translation>
    </message>
    <message>
        <source>&amp;Shop</source>
        <translation>&amp;Shop</translation>
    </message>
    <message>
        <source>&amp;Connect to a shop…</source>
        <translation>Mit Shop &amp;verbinden…</translation>
    </message>
    <message>
        <source>Storage &amp;areas…</source>
        <translation>&amp;Lagerbereiche…</translation>
    </message>
    <message>
        <source>&amp;Reset the demo store…</source>
        <translation>Demo-Shop &amp;zurücksetzen…</translation>
    </message>
    <message>
        <source>Inventra Desktop %1

Stock-takes for Shopify, with Shopify as the database.</source>
        <translation>Inventra Desktop %1

Inventuren für Shopify, mit Shopify als Datenbank.</translation>
    </message>
    <message>
        <source>Reset the demo store</source>
        <translation>Demo-Shop zurücksetzen</translation>
    </message>
    <message>
        <source>Start the demo store afresh? Its sessions and counts are deleted and its products and stock come back as they were on the first run. Real shops are not touched.</source>
        <translation>Den Demo-Shop neu beginnen? Seine Inventuren und Zählungen werden gelöscht, Produkte und Bestände sind wieder wie beim ersten Start. Echte Shops bleiben unberührt.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Shopify API: %p% free</source>
        <translation>Shopify-API: %p % frei</translation>
    </message>
    <message>
        <source>How much of the shop&apos;s API allowance is free now (Shopify&apos;s cost bucket). Near 0 the app waits a moment before it sends more; nothing is lost.</source>
        <translation>Wie viel vom API-Kontingent des Shops gerade frei ist (Shopifys Kosten-Bucket). Nahe 0 wartet die App kurz, bevor sie mehr sendet; nichts geht verloren.</translation>
    </message>
    <message>
        <source>Shopify API allowance free</source>
        <translation>Freies Shopify-API-Kontingent</translation>
    </message>
    <message>
        <source>Forget the kiosk&apos;s manager PIN…</source>
        <translation>Manager-PIN des Kiosks vergessen…</translation>
    </message>
    <message>
        <source>S&amp;ession</source>
        <translation>&amp;Inventur</translation>
    </message>
    <message>
        <source>&amp;New session…</source>
        <translation>&amp;Neue Inventur…</translation>
    </message>
    <message>
        <source>&amp;Progress…</source>
        <translation>&amp;Fortschritt…</translation>
    </message>
    <message>
        <source>&amp;Finalize…</source>
        <translation>&amp;Abschließen…</translation>
    </message>
    <message>
        <source>&amp;Release…</source>
        <translation>F&amp;reigeben…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;About Inventra</source>
        <translation>&amp;Über Inventra</translation>
    </message>
    <message>
        <source>Results and apply…</source>
        <translation>Ergebnis und Übernahme…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>All counts saved in Shopify</source>
        <translation>Alle Zählungen in Shopify gespeichert</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>nicht erledigt</translation>
    </message>
    <message>
        <source>The demo store was reset.</source>
        <translation>Der Demo-Shop wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>The user guide is not installed with this copy; it is docs/user-guide.md in the source.</source>
        <translation>Das Benutzerhandbuch ist in dieser Installation nicht enthalten; im Quellcode ist es docs/user-guide.md.</translation>
    </message>
</context>
<context>
    <name>ManagerActions</name>
    <message>
        <source>finalize</source>
        <translation>die Inventur abzuschließen</translation>
    </message>
    <message>
        <source>release</source>
        <translation>die Inventur freizugeben</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>die Einstellungen zu öffnen</translation>
    </message>
    <message>
        <source>leave kiosk mode</source>
        <translation>den Kioskmodus zu verlassen</translation>
    </message>
    <message>
        <source>reset a variant</source>
        <translation>eine Variante zurückzusetzen</translation>
    </message>
    <message>
        <source>Forget the kiosk&apos;s manager PIN</source>
        <translation>Manager-PIN des Kiosks vergessen</translation>
    </message>
    <message>
        <source>The manager PIN of kiosk mode on this computer is forgotten; the next manager action in kiosk mode asks the store manager to set a new one.</source>
        <translation>Die Manager-PIN des Kioskmodus auf diesem Computer wird vergessen; bei der nächsten Manager-Aktion im Kioskmodus legt die Filialleitung eine neue fest.</translation>
    </message>
    <message>
        <source>The old PIN cannot be brought back.</source>
        <translation>Die alte PIN lässt sich nicht wiederherstellen.</translation>
    </message>
    <message>
        <source>Forget the PIN</source>
        <translation>PIN vergessen</translation>
    </message>
    <message>
        <source>The manager PIN was forgotten.</source>
        <translation>Die Manager-PIN wurde vergessen.</translation>
    </message>
    <message>
        <source>Release session %1</source>
        <translation>Inventur %1 freigeben</translation>
    </message>
    <message>
        <source>The counters of %1 variants go back to 0 and not counted; their status to not started.</source>
        <translation>Die Zähler von %1 Varianten gehen auf 0 und „nicht gezählt“; ihr Status auf „Nicht begonnen“.</translation>
    </message>
    <message>
        <source>The session tag comes off %1 products, so they can join a new session.</source>
        <translation>Der Inventur-Tag wird von %1 Produkten entfernt, damit sie in eine neue Inventur können.</translation>
    </message>
    <message>
        <source>Area tags, alerts, the last counted dates and Shopify&apos;s stock stay; the session stays in the history with its record.</source>
        <translation>Bereichs-Tags, Warnungen, die letzten Zähldaten und der Bestand in Shopify bleiben; die Inventur bleibt mit ihrem Protokoll im Verlauf.</translation>
    </message>
    <message>
        <source>Release cannot be undone: the counts of this session are cleared from the products (export the report first if you need it).</source>
        <translation>Das Freigeben lässt sich nicht rückgängig machen: Die Zählungen dieser Inventur werden von den Produkten gelöscht (exportieren Sie vorher den Bericht, wenn Sie ihn brauchen).</translation>
    </message>
    <message>
        <source>Release the session</source>
        <translation>Inventur freigeben</translation>
    </message>
    <message>
        <source>Session %1 was released; it stays in the history.</source>
        <translation>Inventur %1 wurde freigegeben; sie bleibt im Verlauf.</translation>
    </message>
    <message>
        <source>Session %1 (released)</source>
        <translation>Inventur %1 (freigegeben)</translation>
    </message>
    <message>
        <source>%1 — %2 by %3</source>
        <translation>%1 — %2 durch %3</translation>
    </message>
    <message>
        <source>No events recorded.</source>
        <translation>Keine Ereignisse aufgezeichnet.</translation>
    </message>
    <message>
        <source>Session history</source>
        <translation>Verlauf der Inventur</translation>
    </message>
    <message>
        <source>Released sessions keep their record; their counts were cleared from the products at release (the report exported then has them).</source>
        <translation>Freigegebene Inventuren behalten ihr Protokoll; ihre Zählungen wurden beim Freigeben von den Produkten gelöscht (der damals exportierte Bericht enthält sie).</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Fenster schließen</translation>
    </message>
</context>
<context>
    <name>NamePage</name>
    <message>
        <source>Name the session</source>
        <translation>Inventur benennen</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;-&apos; and &apos;_&apos;: the name becomes part of a product tag.</source>
        <translation>Buchstaben, Ziffern, „-“ und „_“: Der Name wird Teil eines Produkt-Tags.</translation>
    </message>
    <message>
        <source>Spring-2026</source>
        <translation>Inventur-2026</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Name der Inventur</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Blind count: hide the expected quantity from counters</source>
        <translation>Blindzählung: den Sollbestand vor den Zählenden verbergen</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>No manager PIN is set on this device yet.</source>
        <translation>Auf diesem Gerät ist noch keine Manager-PIN festgelegt.</translation>
    </message>
    <message>
        <source>Tap the PIN</source>
        <translation>PIN antippen</translation>
    </message>
    <message>
        <source>Set the manager PIN</source>
        <translation>Manager-PIN festlegen</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Manager-PIN</translation>
    </message>
    <message>
        <source>What to type</source>
        <translation>Was einzugeben ist</translation>
    </message>
    <message>
        <source>PIN message</source>
        <translation>Meldung zur PIN</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Set the manager PIN: %1 to %2 digits.</source>
        <translation>Manager-PIN festlegen: %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <source>A manager PIN is %1 to %2 digits.</source>
        <translation>Eine Manager-PIN hat %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <source>The two PINs differ. Set the PIN again: %1 to %2 digits.</source>
        <translation>Die beiden PINs unterscheiden sich. PIN neu festlegen: %1 bis %2 Ziffern.</translation>
    </message>
    <message>
        <source>The store manager sets this PIN, not the person counting: it is asked for before finalize, apply, release, settings and leaving kiosk mode. Type it twice. A lost PIN is reset from the desktop mode of this computer (Shop ▸ Forget the kiosk&apos;s manager PIN).</source>
        <translation>Diese PIN legt die Filialleitung fest, nicht wer zählt: Sie wird vor dem Abschließen, Übernehmen, Freigeben, den Einstellungen und dem Verlassen des Kioskmodus abgefragt. Geben Sie sie zweimal ein. Eine vergessene PIN wird im Desktopmodus dieses Computers zurückgesetzt (Shop ▸ Manager-PIN des Kiosks vergessen).</translation>
    </message>
    <message>
        <source>Enter the manager PIN to %1.</source>
        <translation>Geben Sie die Manager-PIN ein, um %1.</translation>
    </message>
    <message>
        <source>A PIN is digits only.</source>
        <translation>Eine PIN besteht nur aus Ziffern.</translation>
    </message>
    <message>
        <source>That PIN is not right. Try again.</source>
        <translation>Diese PIN stimmt nicht. Bitte noch einmal.</translation>
    </message>
    <message>
        <source>Type the same PIN again.</source>
        <translation>Geben Sie dieselbe PIN noch einmal ein.</translation>
    </message>
</context>
<context>
    <name>PlanWindow</name>
    <message>
        <source>Plan a count</source>
        <translation>Zählung planen</translation>
    </message>
    <message>
        <source>Where to count</source>
        <translation>Wo gezählt wird</translation>
    </message>
    <message>
        <source>All locations</source>
        <translation>Alle Standorte</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>Budget in variants</source>
        <translation>Budget in Varianten</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Budget in minutes</source>
        <translation>Budget in Minuten</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Planen</translation>
    </message>
    <message>
        <source>Frequencies…</source>
        <translation>Intervalle…</translation>
    </message>
    <message>
        <source>How often each class is counted, and the sales window</source>
        <translation>Wie oft jede Klasse gezählt wird, und der Verkaufszeitraum</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget:</translation>
    </message>
    <message>
        <source>Reading the shop</source>
        <translation>Der Shop wird gelesen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>ABC split</source>
        <translation>ABC-Aufteilung</translation>
    </message>
    <message>
        <source>Due for a count</source>
        <translation>Zur Zählung fällig</translation>
    </message>
    <message>
        <source>Name of the new session</source>
        <translation>Name der neuen Inventur</translation>
    </message>
    <message>
        <source>Create session…</source>
        <translation>Inventur anlegen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Session name:</source>
        <translation>Name der Inventur:</translation>
    </message>
    <message>
        <source>Reading the shop&apos;s areas…</source>
        <translation>Die Lagerbereiche des Shops werden gelesen…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Reading the shop: every variant and the orders of the sales window…</source>
        <translation>Der Shop wird gelesen: jede Variante und die Bestellungen des Verkaufszeitraums…</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>Planung läuft…</translation>
    </message>
    <message>
        <source>variants</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>orders and their lines</source>
        <translation>Bestellungen und ihre Positionen</translation>
    </message>
    <message>
        <source>Reading the shop: %1 objects of %2 so far…</source>
        <translation>Der Shop wird gelesen: bisher %1 Objekte an %2…</translation>
    </message>
    <message>
        <source>by sales over %1 days</source>
        <translation>nach Verkäufen der letzten %1 Tage</translation>
    </message>
    <message>
        <source>by stock value</source>
        <translation>nach Lagerwert</translation>
    </message>
    <message>
        <source>this shop&apos;s own pace</source>
        <translation>im eigenen Tempo dieses Shops</translation>
    </message>
    <message>
        <source>a first guess, no counts yet</source>
        <translation>eine erste Schätzung, noch keine Zählungen</translation>
    </message>
    <message>
        <source>%1 variants are due. The plan: %2 products, %3 variants to count, about %4 min at %5 s a variant (%6). Classes %7.</source>
        <translation>%1 Varianten sind fällig. Der Plan: %2 Produkte, %3 Varianten zu zählen, etwa %4 min bei %5 s je Variante (%6). Klassen %7.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>A: %1 variants, counted every %2 days · B: %3, every %4 days · C: %5, every %6 days</source>
        <translation>A: %1 Varianten, gezählt alle %2 Tage · B: %3, alle %4 Tage · C: %5, alle %6 Tage</translation>
    </message>
    <message>
        <source>Planned for %1 on %2.</source>
        <translation>Geplant für %1 am %2.</translation>
    </message>
    <message>
        <source>all locations</source>
        <translation>alle Standorte</translation>
    </message>
    <message>
        <source>Stopped: the plan below (if any) is the last one made.</source>
        <translation>Angehalten: Der Plan unten (falls vorhanden) ist der zuletzt erstellte.</translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message>
        <source>Pre-flight check</source>
        <translation>Vorabprüfung</translation>
    </message>
    <message>
        <source>Nothing here blocks the session; each line says what it will cause.</source>
        <translation>Nichts hiervon verhindert die Inventur; jede Zeile sagt, was daraus folgt.</translation>
    </message>
    <message>
        <source>Pre-flight findings</source>
        <translation>Ergebnisse der Vorprüfung</translation>
    </message>
    <message>
        <source>Checking the products…</source>
        <translation>Produkte werden geprüft…</translation>
    </message>
    <message>
        <source> (checked the first 250 products)</source>
        <translation> (die ersten 250 Produkte geprüft)</translation>
    </message>
    <message>
        <source>%1 variants checked, %2 findings.</source>
        <translation>%1 Varianten geprüft, %2 Befunde.</translation>
    </message>
</context>
<context>
    <name>ProductGridModel</name>
    <message>
        <source>The “%1” metafield cannot be read: %2.</source>
        <translation>Das Metafeld „%1“ kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Last counted</source>
        <translation>Zuletzt gezählt</translation>
    </message>
    <message>
        <source>Last variance</source>
        <translation>Letzte Differenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hidden: this is a blind count</source>
        <translation>Verborgen: Dies ist eine Blindzählung</translation>
    </message>
    <message>
        <source>Counted in area “%1”</source>
        <translation>Gezählt im Bereich „%1“</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <source>Choose the products</source>
        <translation>Produkte auswählen</translation>
    </message>
    <message>
        <source>Shopify search: title, vendor:, product_type:, tag:, sku:, barcode:, status: (active and draft unless you say otherwise).</source>
        <translation>Shopify-Suche: Titel, vendor:, product_type:, tag:, sku:, barcode:, status: (aktive und Entwürfe, sofern nicht anders angegeben).</translation>
    </message>
    <message>
        <source>Product search</source>
        <translation>Produktsuche</translation>
    </message>
    <message>
        <source>Type a search to see the products.</source>
        <translation>Suchbegriff eingeben, um die Produkte zu sehen.</translation>
    </message>
    <message>
        <source>What will be tagged</source>
        <translation>Was getaggt wird</translation>
    </message>
    <message>
        <source>Matching products: the ticked ones are tagged</source>
        <translation>Gefundene Produkte: die angehakten werden getaggt</translation>
    </message>
    <message>
        <source>%1 of %2 products will be tagged.</source>
        <translation>%1 von %2 Produkten werden getaggt.</translation>
    </message>
    <message>
        <source>%1 are in another open session and cannot be picked (a product is in one open session at a time).</source>
        <translation>%1 sind in einer anderen offenen Inventur und können nicht gewählt werden (ein Produkt ist immer nur in einer offenen Inventur).</translation>
    </message>
    <message>
        <source>Tick at least one product to go on.</source>
        <translation>Haken Sie mindestens ein Produkt an, um weiterzugehen.</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>archiviert</translation>
    </message>
    <message>
        <source>unlisted</source>
        <translation>nicht gelistet</translation>
    </message>
    <message>
        <source>  — already in session %1</source>
        <translation>  — bereits in Inventur %1</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt von %1</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Variants by status</source>
        <translation>Varianten nach Status</translation>
    </message>
    <message>
        <source>Areas marked counted</source>
        <translation>Als gezählt markierte Bereiche</translation>
    </message>
    <message>
        <source>Variance so far (counted − snapshot, units)</source>
        <translation>Bisherige Differenz (gezählt − Soll, Einheiten)</translation>
    </message>
    <message>
        <source>Variance distribution</source>
        <translation>Verteilung der Differenzen</translation>
    </message>
    <message>
        <source>Blind count: variances are shown after finalize.</source>
        <translation>Blindzählung: Differenzen erscheinen nach dem Abschließen.</translation>
    </message>
    <message>
        <source>%1 of %2 variants done (%3 %)</source>
        <translation>%1 von %2 Varianten erledigt (%3 %)</translation>
    </message>
    <message>
        <source>All variants</source>
        <translation>Alle Varianten</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>gezählt</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>noch nicht</translation>
    </message>
    <message>
        <source>variants</source>
        <translation>Varianten</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Tagging and snapshot</source>
        <translation>Tags setzen und Buchbestand übernehmen</translation>
    </message>
    <message>
        <source> Running the wizard again with the same name finishes the job.</source>
        <translation> Den Assistenten mit demselben Namen erneut ausführen, um den Vorgang abzuschließen.</translation>
    </message>
    <message>
        <source>Tagging %1 products…</source>
        <translation>%1 Produkte erhalten ihr Tag…</translation>
    </message>
    <message>
        <source>Copying Shopify&apos;s stock into the baselines…</source>
        <translation>Shopify-Bestand wird als Buchbestand übernommen…</translation>
    </message>
    <message>
        <source>Done: %1 variants ready to count.</source>
        <translation>Fertig: %1 Varianten bereit zum Zählen.</translation>
    </message>
</context>
<context>
    <name>ScanBar</name>
    <message>
        <source>Scan a barcode or type a SKU, then Enter</source>
        <translation>Barcode scannen oder SKU eingeben, dann Enter</translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation>Scanfeld</translation>
    </message>
    <message>
        <source>Area scans count into</source>
        <translation>Bereich, in den Scans zählen</translation>
    </message>
    <message>
        <source>counts into</source>
        <translation>zählt in</translation>
    </message>
    <message>
        <source>Scan:</source>
        <translation>Scan:</translation>
    </message>
    <message>
        <source>Scans not counted</source>
        <translation>Nicht gezählte Scans</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss the codes not counted</source>
        <translation>Nicht gezählte Codes ausblenden</translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s) not counted:</source>
        <translation>
            <numerusform>%n Scan nicht gezählt:</numerusform>
            <numerusform>%n Scans nicht gezählt:</numerusform>
        </translation>
    </message>
    <message>
        <source>… and %1 earlier.</source>
        <translation>… und %1 frühere.</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>{reason} You are connected for this session only: the next time the app starts it will ask for the credentials again.</source>
        <translation>{reason} Sie sind nur für diese Sitzung verbunden: Beim nächsten Start fragt die App wieder nach den Zugangsdaten.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; your counts are safe in the journal and the details are in the log.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen; Ihre Zählungen sind im Journal sicher, die Einzelheiten stehen im Protokoll.</translation>
    </message>
    <message>
        <source>A file could not be read or written{where}: {why}.</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden{where}: {why}.</translation>
    </message>
    <message>
        <source>“{given}” is not a Shopify shop address. Enter the shop&apos;s myshopify name, for example “my-shop” or “my-shop.myshopify.com”.</source>
        <translation>„{given}“ ist keine Shopify-Shopadresse. Geben Sie den myshopify-Namen des Shops ein, zum Beispiel „my-shop“ oder „my-shop.myshopify.com“.</translation>
    </message>
    <message>
        <source>The app is missing permissions in this shop: {scopes}. Add them to the app&apos;s access scopes in Shopify, reinstall it, and connect again.</source>
        <translation>Der App fehlen Berechtigungen in diesem Shop: {scopes}. Fügen Sie sie in Shopify den Zugriffsbereichen der App hinzu, installieren Sie sie neu und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>The shop is busy and kept asking us to slow down (we waited {seconds} s). Nothing is lost; try again in a minute.</source>
        <translation>Der Shop ist ausgelastet und bat wiederholt um Pausen (wir haben {seconds} s gewartet). Nichts geht verloren; versuchen Sie es in einer Minute erneut.</translation>
    </message>
    <message>
        <source>The shop cannot be reached right now ({reason}). Check the internet connection; the app keeps your work and tries again.</source>
        <translation>Der Shop ist gerade nicht erreichbar ({reason}). Prüfen Sie die Internetverbindung; die App behält Ihre Arbeit und versucht es erneut.</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring) the app can use, so it cannot remember the shop&apos;s secret. On Linux, install and unlock a Secret Service keyring such as GNOME Keyring or KWallet, or set INVENTRA_TOKEN for this session.</source>
        <translation>Dieser Computer hat keinen Passwortspeicher (Schlüsselbund), den die App nutzen kann, daher kann sie sich das Geheimnis des Shops nicht merken. Unter Linux installieren und entsperren Sie einen Secret-Service-Schlüsselbund wie GNOME Keyring oder KWallet, oder setzen Sie INVENTRA_TOKEN für diese Sitzung.</translation>
    </message>
    <message>
        <source>The shop did not accept the access token or app credentials. Check them in the shop&apos;s app settings and connect again.</source>
        <translation>Der Shop hat das Zugriffstoken oder die App-Zugangsdaten nicht angenommen. Prüfen Sie sie in den App-Einstellungen des Shops und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>The shop did not accept the access token or app credentials. Check them in the shop&apos;s app settings and connect again. ({detail})</source>
        <translation>Der Shop hat das Zugriffstoken oder die App-Zugangsdaten nicht angenommen. Prüfen Sie sie in den App-Einstellungen des Shops und verbinden Sie sich erneut. ({detail})</translation>
    </message>
    <message>
        <source>The area “{area}” is counted in session {name}: it cannot be removed until that session is released.</source>
        <translation>Der Bereich „{area}“ wird in der Inventur {name} gezählt: Er kann erst entfernt werden, wenn diese Inventur freigegeben ist.</translation>
    </message>
    <message>
        <source>The area “{area}” is counted in session {name}, whose baseline was taken at its location: the location cannot change until that session is released.</source>
        <translation>Der Bereich „{area}“ wird in der Inventur {name} gezählt, deren Ausgangsmenge an seinem Standort erfasst wurde: Der Standort kann erst geändert werden, wenn diese Inventur freigegeben ist.</translation>
    </message>
    <message>
        <source>Nothing in this session has the code {code}. Nothing was counted.</source>
        <translation>Nichts in dieser Inventur hat den Code {code}. Nichts wurde gezählt.</translation>
    </message>
    <message>
        <source>The code {code} has a wrong check digit: the scanner misread the label. Nothing was counted; scan it again.</source>
        <translation>Der Code {code} hat eine falsche Prüfziffer: Der Scanner hat das Etikett falsch gelesen. Nichts wurde gezählt; scannen Sie ihn noch einmal.</translation>
    </message>
    <message>
        <source>{n} variants share the code {code}: {names}. Nothing was counted; pick the right one in the list.</source>
        <translation>Den Code {code} teilen sich {n} Varianten: {names}. Nichts wurde gezählt; wählen Sie die richtige in der Liste.</translation>
    </message>
    <message>
        <source>{name} is left out of this count. Nothing was counted.</source>
        <translation>{name} ist von dieser Inventur ausgenommen. Nichts wurde gezählt.</translation>
    </message>
    <message>
        <source>A scan of it is ambiguous: it will warn and count nothing; count these by tapping.</source>
        <translation>Ein Scan davon ist mehrdeutig: Er warnt und zählt nichts; zählen Sie diese durch Antippen.</translation>
    </message>
    <message>
        <source>Area {key} is mapped to no location.</source>
        <translation>Bereich {key} ist keinem Standort zugeordnet.</translation>
    </message>
    <message>
        <source>Counts in this area cannot be written to Shopify&apos;s inventory.</source>
        <translation>Zählungen in diesem Bereich können nicht in den Bestand von Shopify geschrieben werden.</translation>
    </message>
    <message>
        <source>Neither SKU nor barcode.</source>
        <translation>Weder SKU noch Barcode.</translation>
    </message>
    <message>
        <source>It cannot be scanned or found by code: count it by tapping in the grid.</source>
        <translation>Sie kann nicht gescannt oder per Code gefunden werden: Zählen Sie sie durch Antippen in der Tabelle.</translation>
    </message>
    <message>
        <source>Shopify does not track its inventory.</source>
        <translation>Shopify führt ihren Bestand nicht.</translation>
    </message>
    <message>
        <source>Its baseline is the quantity Shopify still holds (sales do not change it while it is untracked), and the count cannot be applied until tracking is turned on.</source>
        <translation>Ihre Ausgangsmenge ist die Menge, die Shopify noch führt (Verkäufe ändern sie nicht, solange die Bestandsführung aus ist), und die Zählung kann erst übernommen werden, wenn die Bestandsführung eingeschaltet ist.</translation>
    </message>
    <message>
        <source>A bundle: its stock is derived from its components.</source>
        <translation>Ein Bundle: Sein Bestand ergibt sich aus seinen Bestandteilen.</translation>
    </message>
    <message>
        <source>Omitted automatically; its components are counted instead.</source>
        <translation>Automatisch ausgenommen; stattdessen werden seine Bestandteile gezählt.</translation>
    </message>
    <message>
        <source>Marked “never count” (omit flag).</source>
        <translation>Als „nie zählen“ markiert (Ausnahme-Flag).</translation>
    </message>
    <message>
        <source>Left out of every session until the flag is cleared.</source>
        <translation>Von jeder Inventur ausgenommen, bis das Flag entfernt wird.</translation>
    </message>
    <message>
        <source>Not stocked at {location}.</source>
        <translation>Nicht vorrätig bei {location}.</translation>
    </message>
    <message>
        <source>Its baseline there is 0; applying a count there first activates the item at that location.</source>
        <translation>Ihre Ausgangsmenge dort ist 0; beim Übernehmen einer Zählung wird der Artikel an diesem Standort zuerst aktiviert.</translation>
    </message>
    <message>
        <source>Open a session before counting.</source>
        <translation>Öffnen Sie eine Inventur, bevor Sie zählen.</translation>
    </message>
    <message>
        <source>Session {name} has no snapshot yet: run `inventra snapshot {name}` first.</source>
        <translation>Inventur {name} hat noch keine Bestandsaufnahme: Führen Sie zuerst `inventra snapshot {name}` aus.</translation>
    </message>
    <message>
        <source>Session {name} is {state}: it takes no more counts.</source>
        <translation>Inventur {name} ist {state}: Sie nimmt keine Zählungen mehr an.</translation>
    </message>
    <message>
        <source>{name}&apos;s stock-take data in Shopify cannot be read ({why}); reset the variant, then count it again. Nothing was recorded.</source>
        <translation>Die Inventurdaten von {name} in Shopify sind nicht lesbar ({why}); setzen Sie die Variante zurück und zählen Sie sie erneut. Nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>{name} is a bundle: its components are counted instead. Nothing was recorded.</source>
        <translation>{name} ist ein Bundle: Stattdessen werden seine Bestandteile gezählt. Nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>{name} is left out of this count. Nothing was recorded.</source>
        <translation>{name} ist von dieser Inventur ausgenommen. Nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>{name} has no snapshot in this session yet: it cannot be counted.</source>
        <translation>{name} hat in dieser Inventur noch keine Bestandsaufnahme: Sie kann nicht gezählt werden.</translation>
    </message>
    <message>
        <source>Choose the storage area this count is for.</source>
        <translation>Wählen Sie den Lagerbereich, für den diese Zählung gilt.</translation>
    </message>
    <message>
        <source>Session {name} counts no area the shop&apos;s areas record still has; set the areas again (Areas…, or inventra areas --set FILE). Nothing was recorded.</source>
        <translation>Inventur {name} zählt keinen Bereich, den der Bereichsdatensatz des Shops noch hat; legen Sie die Bereiche neu fest (Lagerbereiche… oder inventra areas --set DATEI). Nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>A count cannot be negative.</source>
        <translation>Eine Zählung kann nicht negativ sein.</translation>
    </message>
    <message>
        <source>{name} has {qty} in {area}; taking away {taken} would go below zero, so nothing was recorded.</source>
        <translation>{name} hat {qty} in {area}; {taken} wegzunehmen ginge unter null, daher wurde nichts erfasst.</translation>
    </message>
</context>
<context>
    <name>SessionList</name>
    <message>
        <source>Sessions</source>
        <translation>Inventuren</translation>
    </message>
    <message>
        <source>No session being counted.
New session… starts one.</source>
        <translation>Keine Inventur in Arbeit.
Neue Inventur… startet eine.</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
</context>
<context>
    <name>SessionWizard</name>
    <message>
        <source>New stock-take session</source>
        <translation>Neue Inventur</translation>
    </message>
    <message>
        <source>Tag the products and snapshot</source>
        <translation>Produkte taggen und Bestand aufnehmen</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not started</source>
        <translation>Nicht begonnen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Omitted</source>
        <translation>Ausgelassen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Not snapshotted yet</source>
        <translation>Noch ohne Bestandsaufnahme</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>Wird gezählt</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Applied to Shopify</source>
        <translation>In Shopify übernommen</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>Freigegeben</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Inventra Desktop</source>
        <translation>Willkommen bei Inventra Desktop</translation>
    </message>
    <message>
        <source>Count your stock with several PCs and kiosks at once. Everything is kept in your Shopify shop: there is nothing else to set up or to keep in sync.</source>
        <translation>Zählen Sie mit mehreren PCs und Kiosken zugleich. Alles liegt in Ihrem Shopify-Shop: nichts weiter einzurichten, nichts abzugleichen.</translation>
    </message>
    <message>
        <source>Connect your Shopify shop</source>
        <translation>Shopify-Shop verbinden</translation>
    </message>
    <message>
        <source>Try the demo store</source>
        <translation>Demo-Shop ausprobieren</translation>
    </message>
    <message>
        <source>You need the shop&apos;s address and an Admin API access token, or a client ID and secret.</source>
        <translation>Sie brauchen die Adresse des Shops und ein Admin-API-Zugriffstoken oder eine Client-ID mit Secret.</translation>
    </message>
    <message>
        <source>A shop with 37 products on this computer. Your counts there stay between runs; Shop ▸ Reset the demo store starts it afresh.</source>
        <translation>Ein Shop mit 37 Produkten auf diesem Computer. Ihre Zählungen dort bleiben von Start zu Start erhalten; Shop ▸ Demo-Shop zurücksetzen beginnt ihn neu.</translation>
    </message>
    <message>
        <source>Read the user guide</source>
        <translation>Benutzerhandbuch lesen</translation>
    </message>
</context>
</TS>
