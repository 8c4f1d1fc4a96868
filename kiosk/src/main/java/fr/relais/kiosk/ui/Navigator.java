package fr.relais.kiosk.ui;

/** What a screen may ask of the kiosk: go to another screen. */
@FunctionalInterface
interface Navigator {
    void show(ScreenId screen);
}
