if while for def return
