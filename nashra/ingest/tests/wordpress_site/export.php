<?php
/*
 * Write the site's WXR export, made by WordPress's own exporter (Tools > Export > All content),
 * to argv[1].
 */

require __DIR__ . '/bootstrap.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

// export_wp() sends download headers (ignored on the command line) and echoes the document.
ob_start();
export_wp(array('content' => 'all'));
$xml = ob_get_clean();
if (file_put_contents($argv[1], $xml) === false) {
    fwrite(STDERR, "could not write {$argv[1]}\n");
    exit(1);
}
