// Codecs placeholder
