<?php
/*
 * Load Debian's WordPress for one throwaway site, configured from the environment.
 *
 * Debian's /usr/share/wordpress/wp-config.php picks /etc/wordpress/config-<HTTP_HOST>.php, so
 * wp-load.php is skipped: the constants a wp-config.php would set are defined here and
 * wp-settings.php is loaded directly. Nothing is read from or written to /etc.
 *
 * Environment: NASHRA_WP_DB_NAME, NASHRA_WP_DB_HOST, NASHRA_WP_DB_USER, NASHRA_WP_DB_PASSWORD,
 * NASHRA_WP_CONTENT_DIR (a fresh folder; uploads go in its uploads/), NASHRA_WP_URL, and
 * optionally NASHRA_WP_LANG (a locale such as "ar").
 */

function nashra_wp_env($name)
{
    $value = getenv($name);
    if ($value === false) {
        fwrite(STDERR, "$name is not set\n");
        exit(2);
    }
    return $value;
}

$nashra_wp_url = rtrim(nashra_wp_env('NASHRA_WP_URL'), '/');
$nashra_wp_host = parse_url($nashra_wp_url, PHP_URL_HOST);

// WordPress reads these as if a web request had come in for the site's front page.
$_SERVER['HTTP_HOST'] = $nashra_wp_host;
$_SERVER['SERVER_NAME'] = $nashra_wp_host;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define('ABSPATH', '/usr/share/wordpress/');
define('DB_NAME', nashra_wp_env('NASHRA_WP_DB_NAME'));
define('DB_USER', nashra_wp_env('NASHRA_WP_DB_USER'));
define('DB_PASSWORD', nashra_wp_env('NASHRA_WP_DB_PASSWORD'));
define('DB_HOST', nashra_wp_env('NASHRA_WP_DB_HOST'));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_CONTENT_DIR', rtrim(nashra_wp_env('NASHRA_WP_CONTENT_DIR'), '/'));
define('WP_CONTENT_URL', $nashra_wp_url . '/wp-content');
define('WP_SITEURL', $nashra_wp_url);
define('WP_HOME', $nashra_wp_url);
// No loopback request to wp-cron.php, no update checks, no other request leaves this process:
// every HTTP request WordPress would make (wp_install() tries the site's own address to test
// pretty permalinks, which would look up its name) fails at once. WordPress turns hooks set in
// $wp_filter before it loads into ordinary ones.
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
function nashra_wp_no_http()
{
    return new WP_Error('http_request_blocked', 'The fixture site makes no HTTP requests.');
}
$wp_filter = array('pre_http_request' => array(10 => array(array('function' => 'nashra_wp_no_http', 'accepted_args' => 1))));
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
// Fixed salts: the site lives for a few seconds and nobody logs in.
foreach (array('AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE') as $nashra_wp_salt) {
    define($nashra_wp_salt . '_KEY', 'nashra-test-' . strtolower($nashra_wp_salt) . '-key');
    define($nashra_wp_salt . '_SALT', 'nashra-test-' . strtolower($nashra_wp_salt) . '-salt');
}
// The WPLANG option only takes locales whose translation files are installed; the constant
// takes any, and is all the export's <language> needs.
if (getenv('NASHRA_WP_LANG')) {
    define('WPLANG', getenv('NASHRA_WP_LANG'));
}
$table_prefix = 'wp_';

require ABSPATH . 'wp-settings.php';
