/**
 * The documented demo key pair the emulator accepts when TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY
 * are not set. It opens nothing but a local emulator, so it may be published.
 */
export const DEMO_SECRET_ID = 'AKIDtcrsigpolicyDEMOKEY00000000000000';
export const DEMO_SECRET_KEY = 'tcrsigpolicyDemoSecretKey0000000000';
