<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApplyPage</name>
    <message numerus="yes">
        <source>%n change(s) to write</source>
        <translation>
            <numerusform>%n change to write</numerusform>
            <numerusform>%n changes to write</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) in</source>
        <translation>
            <numerusform>%n unit in</numerusform>
            <numerusform>%n units in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) out</source>
        <translation>
            <numerusform>%n unit out</numerusform>
            <numerusform>%n units out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) keep the other way.</source>
        <translation>
            <numerusform>%n line keeps the other way.</numerusform>
            <numerusform>%n lines keep the other way.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) cannot be written as they are: items Shopify does not track or does not stock at the location (shown first).</source>
        <translation>
            <numerusform>%n line cannot be written as it is: an item Shopify does not track or does not stock at the location (shown first).</numerusform>
            <numerusform>%n lines cannot be written as they are: items Shopify does not track or does not stock at the location (shown first).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply %n change(s) to Shopify…</source>
        <translation>
            <numerusform>Apply %n change to Shopify…</numerusform>
            <numerusform>Apply %n changes to Shopify…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writes %n change(s) to Shopify&apos;s inventory, %1.</source>
        <translation>
            <numerusform>Writes %n change to Shopify&apos;s inventory, %1.</numerusform>
            <numerusform>Writes %n changes to Shopify&apos;s inventory, %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) changed in Shopify while you decided. They were read again: check them and apply again.</source>
        <translation>
            <numerusform>%n line changed in Shopify while you decided. It was read again: check it and apply again.</numerusform>
            <numerusform>%n lines changed in Shopify while you decided. They were read again: check them and apply again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) could not be written: %1 Apply again to retry them.</source>
        <translation>
            <numerusform>%n line could not be written: %1 Apply again to retry it.</numerusform>
            <numerusform>%n lines could not be written: %1 Apply again to retry them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Applied %n change(s) to Shopify&apos;s inventory.</source>
        <translation>
            <numerusform>Applied %n change to Shopify&apos;s inventory.</numerusform>
            <numerusform>Applied %n changes to Shopify&apos;s inventory.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are now tracked and stocked where they were counted.</source>
        <translation>
            <numerusform>%n item is now tracked and stocked where it was counted.</numerusform>
            <numerusform>%n items are now tracked and stocked where they were counted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reverted %n change(s); the session is finalized again.</source>
        <translation>
            <numerusform>Reverted %n change; the session is finalized again.</numerusform>
            <numerusform>Reverted %n changes; the session is finalized again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message numerus="yes">
        <source>%n variance(s) above the review threshold (%2 units or %3 %). Select lines to send them back for a recount.</source>
        <translation>
            <numerusform>%n variance above the review threshold (%2 units or %3 %). Select lines to send them back for a recount.</numerusform>
            <numerusform>%n variances above the review threshold (%2 units or %3 %). Select lines to send them back for a recount.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) went back for a recount: they show as in progress.</source>
        <translation>
            <numerusform>%n line went back for a recount: it shows as in progress.</numerusform>
            <numerusform>%n lines went back for a recount: they show as in progress.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variance(s) above the threshold accepted (recorded in the session).</source>
        <translation>
            <numerusform>%n variance above the threshold accepted (recorded in the session).</numerusform>
            <numerusform>%n variances above the threshold accepted (recorded in the session).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) in</source>
        <translation>
            <numerusform>%n unit in</numerusform>
            <numerusform>%n units in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) out</source>
        <translation>
            <numerusform>%n unit out</numerusform>
            <numerusform>%n units out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s)</source>
        <translation>
            <numerusform>%n variant</numerusform>
            <numerusform>%n variants</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatePage</name>
    <message numerus="yes">
        <source>%n count(s) of this device still waiting to be sent go first.</source>
        <translation>
            <numerusform>%n count of this device still waiting to be sent goes first.</numerusform>
            <numerusform>%n counts of this device still waiting to be sent go first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainController</name>
    <message numerus="yes">
        <source>%n count(s) could not be saved in Shopify: %1</source>
        <translation>
            <numerusform>%n count could not be saved in Shopify: %1</numerusform>
            <numerusform>%n counts could not be saved in Shopify: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n count(s) waiting to be sent</source>
        <translation>
            <numerusform>%n count waiting to be sent</numerusform>
            <numerusform>%n counts waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScanBar</name>
    <message numerus="yes">
        <source>%n scan(s) not counted:</source>
        <translation>
            <numerusform>%n scan not counted:</numerusform>
            <numerusform>%n scans not counted:</numerusform>
        </translation>
    </message>
</context>
</TS>
