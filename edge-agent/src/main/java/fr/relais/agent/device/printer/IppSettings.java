package fr.relais.agent.device.printer;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;

/**
 * The {@code settings:} of an {@code ipp} printer.
 *
 * @param address               where it answers IPP ({@code uri})
 * @param tonerWarningPercent   the lowest toner or ink level at or under which it is in warning
 * @param tonerCriticalPercent  the same, for critical; not above the warning level
 */
record IppSettings(PrinterAddress address, int tonerWarningPercent, int tonerCriticalPercent) {
    static final int DEFAULT_TONER_WARNING_PERCENT = 15;
    static final int DEFAULT_TONER_CRITICAL_PERCENT = 5;

    static IppSettings read(StrictObject device) throws FieldException {
        StrictObject settings = device.object("settings");
        String uri = settings.text("uri");
        PrinterAddress address;
        try {
            address = PrinterAddress.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new FieldException(settings.field("uri"), e.getMessage());
        }
        int warning = (int) settings.longIn("tonerWarningPercent", 0, 100, DEFAULT_TONER_WARNING_PERCENT);
        int critical = (int) settings.longIn("tonerCriticalPercent", 0, 100, DEFAULT_TONER_CRITICAL_PERCENT);
        if (critical > warning) {
            throw new FieldException(settings.field("tonerCriticalPercent"), "must not be above tonerWarningPercent ("
                    + warning + "), got " + critical);
        }
        settings.finish();
        return new IppSettings(address, warning, critical);
    }
}
