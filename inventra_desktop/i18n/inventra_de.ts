<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
    <name>ConfirmPage</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Session %1 will tag %2 products with %3, then copy Shopify&apos;s stock into each variant&apos;s baseline. Areas: %4.%5</source>
        <translation>Die Inventur %1 versieht %2 Produkte mit dem Tag %3 und übernimmt dann den Shopify-Bestand als Buchbestand jeder Variante. Lagerbereiche: %4.%5</translation>
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
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
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
        <source>Typed number</source>
        <translation>Eingegebene Zahl</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Letzte Ziffer löschen</translation>
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
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>Ziffer %1</translation>
    </message>
    <message>
        <source>Count: %1</source>
        <translation>Zählen: %1</translation>
    </message>
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
        <source>✓  Counted</source>
        <translation>✓  Gezählt</translation>
    </message>
    <message>
        <source>Counted in %1</source>
        <translation>Gezählt in %1</translation>
    </message>
    <message>
        <source>Expected %1</source>
        <translation>Soll: %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>✓  Mark done</source>
        <translation>✓  Erledigt</translation>
    </message>
    <message>
        <source>Variant %1</source>
        <translation>Variante %1</translation>
    </message>
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
    <message>
        <source>Type a number</source>
        <translation>Zahl eingeben</translation>
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
        <source>being counted</source>
        <translation>wird gezählt</translation>
    </message>
    <message>
        <source>finalized</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>applied to Shopify&apos;s inventory</source>
        <translation>in den Shopify-Bestand übernommen</translation>
    </message>
    <message>
        <source>not snapshotted yet</source>
        <translation>noch ohne Buchbestand</translation>
    </message>
    <message>
        <source>Session %1 is %2.</source>
        <translation>Inventur %1: %2.</translation>
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
        <source>Variances</source>
        <translation>Differenzen</translation>
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
        <source>Close</source>
        <translation>Schließen</translation>
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
        <source>%1 variances are above the review threshold (%2 units or %3 %). Select lines to send them back for a recount.</source>
        <translation>%1 Differenzen liegen über der Prüfschwelle (%2 Stück oder %3 %). Zeilen auswählen, um sie neu zählen zu lassen.</translation>
    </message>
    <message>
        <source>Select the lines to recount first.</source>
        <translation>Zuerst die Zeilen auswählen, die neu gezählt werden sollen.</translation>
    </message>
    <message>
        <source>%1 lines went back for a recount: they show as in progress.</source>
        <translation>%1 Zeilen gehen zur Nachzählung zurück: Sie erscheinen als „in Arbeit“.</translation>
    </message>
    <message>
        <source>The %1 variances above the threshold are accepted (recorded in the session).</source>
        <translation>Die %1 Differenzen über der Schwelle sind akzeptiert (in der Inventur vermerkt).</translation>
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
    <message>
        <source>%1 counts of this device are still waiting to be sent; they go first.</source>
        <translation>%1 Zählungen dieses Geräts warten noch auf das Senden; sie gehen zuerst raus.</translation>
    </message>
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
        <source>Applied to Shopify (%1). Revert posts the opposite adjustment and makes a new apply possible.</source>
        <translation>In Shopify übernommen (%1). „Zurücknehmen“ bucht die Gegenbuchung und ermöglicht eine neue Übernahme.</translation>
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
        <source>%1 changes to write (%2 units in, %3 units out).</source>
        <translation>%1 Änderungen zu schreiben (%2 Einheiten Zugang, %3 Einheiten Abgang).</translation>
    </message>
    <message>
        <source>%1 lines keep the other way.</source>
        <translation>%1 Zeilen werden andersherum übernommen.</translation>
    </message>
    <message>
        <source>%1 lines cannot be written as they are: items Shopify does not track or does not stock at the location (shown first).</source>
        <translation>%1 Zeilen können so nicht geschrieben werden: Artikel, deren Bestand Shopify nicht verfolgt oder die am Standort nicht geführt werden (oben angezeigt).</translation>
    </message>
    <message>
        <source>Area %1 is mapped to no location: its counts are not written (Storage areas… maps it).</source>
        <translation>Lagerbereich %1 ist keinem Standort zugeordnet: Seine Zählungen werden nicht geschrieben (unter „Lagerbereiche…“ zuordnen).</translation>
    </message>
    <message>
        <source>An earlier apply was interrupted: it resumes with the choices it was started with, and writes nothing twice.</source>
        <translation>Eine frühere Übernahme wurde unterbrochen: Sie läuft mit der damals getroffenen Wahl weiter und schreibt nichts doppelt.</translation>
    </message>
    <message>
        <source>Apply %1 changes to Shopify…</source>
        <translation>%1 Änderungen in Shopify übernehmen…</translation>
    </message>
    <message>
        <source>Choose what happens to the variants not done, or count them first.</source>
        <translation>Wählen Sie, was mit den nicht erledigten Varianten geschieht, oder zählen Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Finalizing…</source>
        <translation>Wird abgeschlossen…</translation>
    </message>
    <message>
        <source>keeping the difference</source>
        <translation>mit Übernahme der Differenz</translation>
    </message>
    <message>
        <source>keeping the counted quantity</source>
        <translation>mit Übernahme der gezählten Menge</translation>
    </message>
    <message>
        <source>Write %1 changes to Shopify&apos;s inventory, %2? Shopify&apos;s stock changes at once; Revert can undo it.</source>
        <translation>%1 Änderungen in den Shopify-Bestand schreiben, %2? Der Shopify-Bestand ändert sich sofort; „Zurücknehmen“ macht es rückgängig.</translation>
    </message>
    <message>
        <source>Apply stopped. Apply again to finish: what was written is not written twice.</source>
        <translation>Übernahme angehalten. Erneut übernehmen, um sie abzuschließen: Bereits Geschriebenes wird nicht doppelt geschrieben.</translation>
    </message>
    <message>
        <source>%1 lines changed in Shopify while you decided. They were read again: check them and apply again.</source>
        <translation>%1 Zeilen haben sich in Shopify geändert, während Sie entschieden haben. Sie wurden neu gelesen: bitte prüfen und erneut übernehmen.</translation>
    </message>
    <message>
        <source>%1 lines could not be written: %2 Apply again to retry them.</source>
        <translation>%1 Zeilen konnten nicht geschrieben werden: %2 Erneut übernehmen, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <source>Session %1 was applied already: nothing was written again.</source>
        <translation>Inventur %1 wurde bereits übernommen: Es wurde nichts erneut geschrieben.</translation>
    </message>
    <message>
        <source>Applied %1 changes to Shopify&apos;s inventory.</source>
        <translation>%1 Änderungen in den Shopify-Bestand übernommen.</translation>
    </message>
    <message>
        <source>%1 items are now tracked and stocked where they were counted.</source>
        <translation>%1 Artikel werden jetzt verfolgt und dort geführt, wo sie gezählt wurden.</translation>
    </message>
    <message>
        <source>Revert the apply</source>
        <translation>Übernahme zurücknehmen</translation>
    </message>
    <message>
        <source>Post the opposite adjustment of what session %1 wrote to Shopify&apos;s inventory? The session goes back to finalized, and a new apply is possible.</source>
        <translation>Die Gegenbuchung zu dem buchen, was Inventur %1 in den Shopify-Bestand geschrieben hat? Die Inventur ist danach wieder abgeschlossen, und eine neue Übernahme ist möglich.</translation>
    </message>
    <message>
        <source>Reverted %1 changes; the session is finalized again.</source>
        <translation>%1 Änderungen zurückgenommen; die Inventur ist wieder abgeschlossen.</translation>
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
    <name>HelpWindow</name>
    <message>
        <source>Inventra Desktop — user guide</source>
        <translation>Inventra Desktop — Benutzerhandbuch</translation>
    </message>
</context>
<context>
    <name>MainController</name>
    <message>
        <source>No session yet: start one with New session…</source>
        <translation>Noch keine Inventur: Mit „Neue Inventur…“ eine beginnen.</translation>
    </message>
    <message>
        <source>A count was refused</source>
        <translation>Eine Zählung wurde abgelehnt</translation>
    </message>
    <message>
        <source>%1 count(s) could not be saved in Shopify: %2</source>
        <translation>%1 Zählung(en) konnten nicht in Shopify gespeichert werden: %2</translation>
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
        <source>Scan not counted</source>
        <translation>Scan nicht gezählt</translation>
    </message>
    <message>
        <source>+1 %1</source>
        <translation>+1 %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
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
    <message>
        <source>%1 was reset: it can be counted again.</source>
        <translation>%1 wurde zurückgesetzt und kann wieder gezählt werden.</translation>
    </message>
    <message>
        <source>Set the manager PIN</source>
        <translation>Manager-PIN festlegen</translation>
    </message>
    <message>
        <source>Choose a manager PIN (4 to 12 digits). It is asked for before finalize, release, settings and leaving kiosk mode.</source>
        <translation>Wählen Sie eine Manager-PIN (4 bis 12 Ziffern). Sie wird vor dem Abschließen, dem Freigeben, den Einstellungen und dem Verlassen des Kioskmodus abgefragt.</translation>
    </message>
    <message>
        <source>Manager PIN</source>
        <translation>Manager-PIN</translation>
    </message>
    <message>
        <source>Enter the manager PIN to %1.</source>
        <translation>Geben Sie die Manager-PIN ein, um %1.</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Diese PIN ist nicht richtig.</translation>
    </message>
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
        <source>Scan a barcode or type a SKU, then Enter</source>
        <translation>Barcode scannen oder SKU eingeben, dann Enter</translation>
    </message>
    <message>
        <source>Scan box</source>
        <translation>Scanfeld</translation>
    </message>
    <message>
        <source>Area for scans</source>
        <translation>Lagerbereich für Scans</translation>
    </message>
    <message>
        <source>Scan:</source>
        <translation>Scan:</translation>
    </message>
    <message>
        <source>into</source>
        <translation>in</translation>
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
        <source>Area filter</source>
        <translation>Bereichsfilter</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>API %p%</source>
        <translation>API %p %</translation>
    </message>
    <message>
        <source>Shopify API capacity</source>
        <translation>Shopify-API-Kapazität</translation>
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
        <source>No session yet.
New session… starts one.</source>
        <translation>Noch keine Inventur.
„Neue Inventur…“ beginnt eine.</translation>
    </message>
    <message>
        <source>all areas</source>
        <translation>überall</translation>
    </message>
    <message>
        <source>Results and apply…</source>
        <translation>Ergebnis und Übernahme…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
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
        <source>%1 waiting to be sent</source>
        <translation>%1 warten auf das Senden</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>not done</source>
        <translation>nicht erledigt</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>omitted</source>
        <translation>ausgelassen</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>open</source>
        <translation>vorbereitet</translation>
    </message>
    <message>
        <source>snapshotted</source>
        <translation>wird gezählt</translation>
    </message>
    <message>
        <source>finalized</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>The demo store was reset.</source>
        <translation>Der Demo-Shop wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>The user guide is not installed with this copy; it is docs/user-guide.md in the source.</source>
        <translation>Das Benutzerhandbuch ist in dieser Installation nicht enthalten; im Quellcode ist es docs/user-guide.md.</translation>
    </message>
    <message>
        <source>Release session</source>
        <translation>Inventur freigeben</translation>
    </message>
    <message>
        <source>Release %1? Counters go back to zero and the session tags are removed; area tags, alerts and the last counted dates stay. The session stays in the history.</source>
        <translation>%1 freigeben? Die Zähler gehen auf null zurück und die Inventur-Tags werden entfernt; Bereichs-Tags, Warnungen und die Daten der letzten Zählung bleiben. Die Inventur bleibt im Verlauf.</translation>
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
        <source>Pending</source>
        <translation>Ausstehend</translation>
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
        <source>Matching products</source>
        <translation>Gefundene Produkte</translation>
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
    <message>
        <source>%1 products match; %2 can be picked.</source>
        <translation>%1 Produkte gefunden; %2 können ausgewählt werden.</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt von %1</translation>
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
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>in Arbeit</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
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
    <name>SessionWizard</name>
    <message>
        <source>New stock-take session</source>
        <translation>Neue Inventur</translation>
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
